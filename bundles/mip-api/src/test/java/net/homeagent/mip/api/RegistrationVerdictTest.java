package net.homeagent.mip.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

class RegistrationVerdictTest {

    @Test
    void theSharedPassCannotBeChangedByAnyPolicy() {
        RegistrationVerdict.PASSED.toCompletableFuture().obtrudeValue(RegistrationVerdict.discard("hijacked"));

        assertThat(RegistrationVerdict.PASSED.toCompletableFuture().join()).isEqualTo(RegistrationVerdict.pass());
        assertThat(((RegistrationVerdict.Pass) RegistrationVerdict.pass()).replyExtensions()).isEmpty();
    }

    @Test
    void aRefusalIsADenialCode() {
        assertThat(RegistrationVerdict.refuse(128, "unspecified")).isInstanceOf(RegistrationVerdict.Refuse.class);
        assertThat(RegistrationVerdict.refuse(255, "last")).isInstanceOf(RegistrationVerdict.Refuse.class);
        assertThatThrownBy(() -> RegistrationVerdict.refuse(1, "accepted is no refusal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128-255");
        assertThatThrownBy(() -> RegistrationVerdict.refuse(256, "too big"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128-255");
    }

    @Test
    void refusalsAndDiscardsNeedAReason() {
        assertThatThrownBy(() -> RegistrationVerdict.refuse(129, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegistrationVerdict.discard(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPassCarriesReplyExtensionsButNoAuthenticatorOfItsOwn() {
        VendorSpecificExtension advice = new VendorSpecificExtension(false, 32473, 2, new byte[] {1});
        List<Extension> extensions = new ArrayList<>(List.of(advice));
        RegistrationVerdict.Pass pass = (RegistrationVerdict.Pass) RegistrationVerdict.pass(extensions);
        extensions.clear();

        assertThat(pass.replyExtensions()).as("copied").containsExactly(advice);
        assertThatThrownBy(() -> RegistrationVerdict.pass(List.of(advice, AuthenticationExtension.mobileHome(256))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signs the reply itself");
    }
}
