package io.hostdns.core.upstream;

import static io.hostdns.core.upstream.Fakes.silent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

class UpstreamGroupBuilderTest {

    @Test
    void builder_hasDocumentedDefaults() {
        UpstreamGroup.Builder builder = UpstreamGroup.builder();
        assertThat(builder.settings().policy()).isSameAs(UpstreamPolicy.IN_ORDER);
        assertThat(builder.settings().strategy()).isEqualTo(GroupStrategy.fallback());
        assertThat(builder.settings().predicate()).isSameAs(AnswerPredicate.DEFAULT);
        assertThat(builder.settings().attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(builder.settings().deadline()).isEqualTo(Duration.ofMillis(4500));
        assertThat(builder.settings().allDown()).isEqualTo(UpstreamGroup.AllDown.FAIL_FAST);
        assertThat(builder.settings().scheduler()).isSameAs(Schedulers.parallel());
    }

    @Test
    void builder_isImmutable_eachSetterReturnsACopy() {
        UpstreamGroup.Builder template = UpstreamGroup.builder().attemptTimeout(Duration.ofMillis(800));
        UpstreamGroup.Builder changed = template.attemptTimeout(Duration.ofMillis(300))
                .strategy(GroupStrategy.race()).whenAllDown(UpstreamGroup.AllDown.TRY_ANYWAY)
                .upstreams(silent(0).upstream);

        assertThat(template.settings().attemptTimeout()).isEqualTo(Duration.ofMillis(800));
        assertThat(template.settings().strategy()).isEqualTo(GroupStrategy.fallback());
        assertThat(template.settings().allDown()).isEqualTo(UpstreamGroup.AllDown.FAIL_FAST);
        assertThat(template.settings().upstreams()).isEmpty();
        assertThat(changed.settings().attemptTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(changed.settings().upstreams()).hasSize(1);
    }

    @Test
    void builder_rejectsBadSettings_namingTheField() {
        UpstreamGroup.Builder builder = UpstreamGroup.builder();
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("upstreams");
        assertThatThrownBy(() -> builder.upstreams(silent(0).upstream, silent(0).upstream))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#000").hasMessageContaining("twice");
        assertThatThrownBy(() -> builder.deadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline");
        assertThatThrownBy(() -> builder.attemptTimeout(Duration.ofNanos(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attemptTimeout");
        assertThatThrownBy(() -> GroupStrategy.hedge(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hedge delay");
    }
}
