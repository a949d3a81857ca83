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
        UpstreamGroupBuilder builder = UpstreamGroup.builder();
        assertThat(builder.policy()).isSameAs(UpstreamPolicy.IN_ORDER);
        assertThat(builder.strategy()).isEqualTo(GroupStrategy.fallback());
        assertThat(builder.predicate()).isSameAs(AnswerPredicate.DEFAULT);
        assertThat(builder.attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(builder.deadline()).isEqualTo(Duration.ofMillis(4500));
        assertThat(builder.allDown()).isEqualTo(AllDownBehaviour.FAIL_FAST);
        assertThat(builder.scheduler()).isSameAs(Schedulers.parallel());
    }

    @Test
    void builder_isImmutable_eachSetterReturnsACopy() {
        UpstreamGroupBuilder template = UpstreamGroup.builder().attemptTimeout(Duration.ofMillis(800));
        UpstreamGroupBuilder changed = template.attemptTimeout(Duration.ofMillis(300))
                .strategy(GroupStrategy.race()).whenAllDown(AllDownBehaviour.TRY_ANYWAY)
                .upstreams(silent(0).upstream);

        assertThat(template.attemptTimeout()).isEqualTo(Duration.ofMillis(800));
        assertThat(template.strategy()).isEqualTo(GroupStrategy.fallback());
        assertThat(template.allDown()).isEqualTo(AllDownBehaviour.FAIL_FAST);
        assertThat(template.upstreams()).isEmpty();
        assertThat(changed.attemptTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(changed.upstreams()).hasSize(1);
    }

    @Test
    void builder_rejectsBadSettings_namingTheField() {
        UpstreamGroupBuilder builder = UpstreamGroup.builder();
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
