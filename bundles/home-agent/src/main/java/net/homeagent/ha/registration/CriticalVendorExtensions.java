package net.homeagent.ha.registration;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * The Critical Vendor/Organization Specific Extensions (CVSE, RFC 3115 §3) this home agent
 * interprets. A CVSE it does not interpret makes it refuse the request (RFC 3115 §5.1): with
 * 140 when the mobile node sent it, 141 when a foreign agent added it. Normal (NVSE) extensions
 * are skippable and ignored. Today the home agent interprets none; the roles that define vendor
 * extensions (e.g. the MIMM advisor) register theirs here.
 */
public final class CriticalVendorExtensions {

    /** Interprets no CVSE at all. */
    public static final CriticalVendorExtensions NONE = new CriticalVendorExtensions(Set.of());

    /** A Vendor/Org-ID and its Vendor-CVSE-Type. */
    public record VendorType(long vendorId, int vendorType) {
    }

    private final Set<VendorType> understood;

    public CriticalVendorExtensions(Set<VendorType> understood) {
        this.understood = Set.copyOf(understood);
    }

    /**
     * @param mobileHomeIndex position of the MN-HA extension: extensions before it come from the
     *                        mobile node, extensions after it were appended by a foreign agent
     *                        (RFC 5944 §3.6.1.3, §3.7.2.2)
     */
    Optional<RefusalReason> check(List<Extension> extensions, int mobileHomeIndex) {
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i) instanceof VendorSpecificExtension v && v.critical()
                    && !understood.contains(new VendorType(v.vendorId(), v.vendorType()))) {
                return Optional.of(i < mobileHomeIndex ? RefusalReason.CVSE_FROM_MOBILE_NODE
                        : RefusalReason.CVSE_FROM_FOREIGN_AGENT);
            }
        }
        return Optional.empty();
    }
}
