package io.hostdns.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** The candidate order of glibc's res_nsearch, case by case. */
class SearchListTest {

    private static final SearchList K8S = SearchList.of(
            List.of("default.svc.cluster.local", "svc.cluster.local", "cluster.local"), 5);

    private static List<String> candidates(SearchList list, String typed) {
        return list.candidates(Name.fromConstantString(typed)).stream().map(Name::toString).toList();
    }

    @Test
    void ndots1_nameWithADot_isTriedAsIsFirst_thenWithEachSuffix() {
        SearchList list = SearchList.of(List.of("corp.example", "example"), 1);
        assertThat(candidates(list, "www.google.com"))
                .containsExactly("www.google.com.", "www.google.com.corp.example.", "www.google.com.example.");
    }

    @Test
    void ndots1_singleLabel_isTriedWithSuffixesFirst_thenAsIs() {
        SearchList list = SearchList.of(List.of("corp.example", "example"), 1);
        assertThat(candidates(list, "web")).containsExactly("web.corp.example.", "web.example.", "web.");
    }

    @Test
    void ndots5_nameWithFourDots_isSearchedFirst() {
        assertThat(candidates(K8S, "s3.eu-central-1.amazonaws.com"))
                .containsExactly("s3.eu-central-1.amazonaws.com.default.svc.cluster.local.",
                        "s3.eu-central-1.amazonaws.com.svc.cluster.local.",
                        "s3.eu-central-1.amazonaws.com.cluster.local.",
                        "s3.eu-central-1.amazonaws.com.");
    }

    @Test
    void ndots5_nameWithFiveDots_isTriedAsIsFirst() {
        assertThat(candidates(K8S, "a.b.c.d.e.f").get(0)).isEqualTo("a.b.c.d.e.f.");
        assertThat(candidates(K8S, "a.b.c.d.e.f")).hasSize(4);
    }

    @Test
    void trailingDot_isAbsolute_andNeverSearched() {
        assertThat(candidates(K8S, "web.")).containsExactly("web.");
        assertThat(candidates(K8S, "kubernetes.default.")).containsExactly("kubernetes.default.");
    }

    @Test
    void noSearchList_triesOnlyTheNameAsIs() {
        assertThat(candidates(SearchList.NONE, "web")).containsExactly("web.");
        assertThat(candidates(new SearchList(List.of(), 5), "a.b")).containsExactly("a.b.");
    }

    @Test
    void ndots0_triesEvenASingleLabelAsIsFirst() {
        SearchList list = SearchList.of(List.of("example"), 0);
        assertThat(candidates(list, "web")).containsExactly("web.", "web.example.");
    }

    @Test
    void candidateLongerThan255Octets_isLeftOut() {
        String label = "a".repeat(63);
        String typed = label + "." + label + "." + label + "." + "b".repeat(50);
        SearchList list = SearchList.of(List.of("long-suffix-that-does-not-fit.example", "x"), 1);
        assertThat(candidates(list, typed)).containsExactly(typed + ".", typed + ".x.");
    }

    @Test
    void fromResolvConf_takesSearchDomainsAndNdots() {
        ResolvConf conf = ResolvConf.parse("search a.example b.example\noptions ndots:3\n").conf();
        SearchList list = SearchList.from(conf);
        assertThat(list.ndots()).isEqualTo(3);
        assertThat(list.domains()).extracting(Name::toString).containsExactly("a.example.", "b.example.");
    }

    @Test
    void invalidSearchDomain_isRejectedWithTheDomainNamed() {
        assertThatThrownBy(() -> SearchList.of(List.of("bad..domain"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad..domain");
    }
}
