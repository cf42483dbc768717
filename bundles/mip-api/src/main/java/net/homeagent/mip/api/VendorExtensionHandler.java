package net.homeagent.mip.api;

import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * Interprets Vendor/Organization Specific Extensions (RFC 3115) of Registration Requests; other
 * bundles register it as an OSGi service (the MIMM advisor's Request Handoff, for one).
 *
 * <p>A critical extension (CVSE, type 38) that no registered handler names makes the home agent
 * refuse the request, as RFC 3115 §4.2 requires: 140 when the mobile node sent it, 141 when a
 * foreign agent appended it after the MN-HA extension. A normal extension (NVSE, type 134) that
 * nobody names is skipped and the rest of the request processed: its type is 128 or more, which
 * RFC 5944 §1.9 makes skippable, and that is what sets it apart from a CVSE (RFC 3115 §3). Every
 * extension a handler names is handed to it with the registration at the policy stage, before the
 * {@link RegistrationPolicy} services, in the order the request carries them (registrations only: a
 * deregistration is put to the policies, not to the handlers); its verdict counts
 * as a policy's (first refusal or discard wins, reply extensions collected, a late answer bounded
 * by {@code policyTimeoutMillis}). A CVSE or NVSE in the reply is the handler's to add, as a reply
 * extension of its verdict.
 */
@ConsumerType
public interface VendorExtensionHandler {

    /**
     * The extensions this handler interprets; read once when the service is bound (the highest
     * ranked handler of a type interprets it).
     */
    Set<VendorExtensionType> interprets();

    /**
     * @param registration       the authenticated request
     * @param proposed           the binding the home agent is about to write
     * @param extension          one extension this handler interprets
     * @param fromForeignAgent   the extension follows the MN-HA extension: a foreign agent added
     *                           it, and the MN-HA authenticator does not cover it (RFC 5944 §3.6.1.3)
     * @return the verdict, complete when known at once; never block the calling event loop
     */
    CompletionStage<RegistrationVerdict> handle(InboundRegistration registration, Binding proposed,
            VendorSpecificExtension extension, boolean fromForeignAgent);

    /**
     * One kind of vendor extension: critical (CVSE) or normal (NVSE), the Vendor/Org-ID (an SMI
     * enterprise number, RFC 3115) and the vendor's own type.
     */
    record VendorExtensionType(boolean critical, long vendorId, int vendorType) {

        public VendorExtensionType {
            if (vendorId < 0 || vendorId > 0xffff_ffffL) {
                throw new IllegalArgumentException("Vendor/Org-ID is 32 bits (RFC 3115): " + vendorId);
            }
            if (vendorType < 0 || vendorType > 0xffff) {
                throw new IllegalArgumentException("vendor type is 16 bits (RFC 3115): " + vendorType);
            }
        }

        public static VendorExtensionType of(VendorSpecificExtension extension) {
            return new VendorExtensionType(extension.critical(), extension.vendorId(), extension.vendorType());
        }
    }
}
