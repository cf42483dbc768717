package net.homeagent.loadgen;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.ext.AuthenticationExtension;

/**
 * Signs the Mobile-Home Authentication Extension with HMAC-MD5 (RFC 5944 §3.5.1, RFC 2104)
 * using one {@link Mac} re-keyed per message, so that the load generator does not spend its
 * share of the two cores on JCA provider look-ups. One instance per thread.
 */
final class HmacMd5Signer {

    private final Mac mac;

    HmacMd5Signer() {
        try {
            mac = Mac.getInstance("HmacMD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is a mandatory JCA algorithm", e);
        }
    }

    MessageSigner withKey(byte[] key) {
        return (AuthenticationExtension extension, byte[] data, int offset, int length) -> {
            try {
                mac.init(new SecretKeySpec(key, "HmacMD5"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a 16-octet HMAC-MD5 key is always valid", e);
            }
            mac.update(data, offset, length);
            return mac.doFinal();
        };
    }
}
