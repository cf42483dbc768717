package net.homeagent.ha.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.VendorExtensionHandler;
import net.homeagent.mip.api.VendorExtensionHandler.VendorExtensionType;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * The vendor extensions (RFC 3115) of a request against the {@link VendorExtensionHandler} services
 * registered now, in ranking order (the first that names a type interprets it).
 */
final class VendorExtensions {

    /** No handler at all: every CVSE is refused, every NVSE ignored. */
    static final VendorExtensions NONE = new VendorExtensions(List::of);

    private final Supplier<List<VendorExtensionHandler>> handlers;

    VendorExtensions(Supplier<List<VendorExtensionHandler>> handlers) {
        this.handlers = handlers;
    }

    /**
     * RFC 3115 §5.1: a CVSE nobody interprets refuses the request, 140 when the mobile node sent it,
     * 141 when a foreign agent did.
     *
     * @param mobileHomeIndex position of the MN-HA extension: extensions before it come from the
     *                        mobile node, extensions after it were appended by a foreign agent
     *                        (RFC 5944 §3.6.1.3, §3.7.2.2)
     */
    Optional<RefusalReason> check(List<Extension> extensions, int mobileHomeIndex) {
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i) instanceof VendorSpecificExtension v && v.critical() && handlerOf(v).isEmpty()) {
                return Optional.of(i < mobileHomeIndex ? RefusalReason.CVSE_FROM_MOBILE_NODE
                        : RefusalReason.CVSE_FROM_FOREIGN_AGENT);
            }
        }
        return Optional.empty();
    }

    /** A policy step for every vendor extension of the request that a handler interprets, in request order. */
    List<PolicyStep> steps(InboundRegistration registration, Binding proposed, int mobileHomeIndex) {
        List<Extension> extensions = registration.request().extensions();
        List<PolicyStep> steps = List.of();
        for (int i = 0; i < extensions.size(); i++) {
            if (!(extensions.get(i) instanceof VendorSpecificExtension v)) {
                continue;
            }
            Optional<VendorExtensionHandler> handler = handlerOf(v);
            if (handler.isPresent()) {
                boolean fromForeignAgent = i > mobileHomeIndex;
                if (steps.isEmpty()) {
                    steps = new ArrayList<>(2);
                }
                steps.add(new PolicyStep(handler.get().getClass().getName() + " for " + VendorExtensionType.of(v),
                        () -> handler.get().handle(registration, proposed, v, fromForeignAgent)));
            }
        }
        return steps;
    }

    private Optional<VendorExtensionHandler> handlerOf(VendorSpecificExtension extension) {
        VendorExtensionType type = VendorExtensionType.of(extension);
        for (VendorExtensionHandler handler : handlers.get()) {
            if (handler.interprets().contains(type)) {
                return Optional.of(handler);
            }
        }
        return Optional.empty();
    }
}
