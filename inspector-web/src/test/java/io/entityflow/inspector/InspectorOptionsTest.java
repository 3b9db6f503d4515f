package io.entityflow.inspector;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InspectorOptionsTest {
    @Test
    void loopbackNeedsNoToken() {
        assertThat(InspectorOptions.loopback(0).requiresToken()).isFalse();
        assertThat(new InspectorOptions("localhost", 0, null).requiresToken()).isFalse();
    }

    @Test
    void boundElsewhereItRequiresATokenGeneratedWhenNoneIsGiven() {
        InspectorOptions open = new InspectorOptions("0.0.0.0", 0, null);
        assertThat(open.requiresToken()).isTrue();
        assertThat(open.token()).hasSize(32);
        assertThat(new InspectorOptions("0.0.0.0", 0, null).token()).as("random").isNotEqualTo(open.token());
        assertThat(new InspectorOptions("0.0.0.0", 0, "secret").token()).isEqualTo("secret");
        assertThat(new InspectorOptions("0.0.0.0", 0, "  ").token()).as("a blank token is none").hasSize(32);
    }

    @Test
    void aGivenTokenIsRequiredOnLoopbackToo() {
        assertThat(new InspectorOptions("127.0.0.1", 0, "secret").requiresToken()).isTrue();
    }

    @Test
    void refusesAPortOutOfRange() {
        assertThatThrownBy(() -> new InspectorOptions("127.0.0.1", 70_000, null)).hasMessageContaining("0..65535");
    }
}
