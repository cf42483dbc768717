package net.homeagent.ha.registration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.VendorExtensionHandler;
import net.homeagent.mip.api.VendorExtensionHandler.VendorExtensionType;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * The vendor extensions (RFC 3115) of a request against the {@link VendorExtensionHandler} services
 * registered now, in ranking order (the first that names a type interprets it). The types each
 * handler names are read once, when the list of handlers changes, into an index by type.
 */
final class VendorExtensions {

    private static final Logger LOG = LoggerFactory.getLogger(VendorExtensions.class);

    private final Supplier<List<VendorExtensionHandler>> handlers;
    private volatile Index index = new Index(List.of(), Map.of(), Map.of());

    VendorExtensions(Supplier<List<VendorExtensionHandler>> handlers) {
        this.handlers = handlers;
    }

    /**
     * RFC 3115 §4.2: a CVSE nobody interprets refuses the request, 140 when the mobile node sent it,
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
            Index seen = current();
            VendorExtensionType type = VendorExtensionType.of(v);
            VendorExtensionHandler handler = seen.byType().get(type);
            if (handler != null) {
                boolean fromForeignAgent = i > mobileHomeIndex;
                if (steps.isEmpty()) {
                    steps = new ArrayList<>(2);
                }
                steps.add(new PolicyStep(seen.stepNames().get(type),
                        () -> handler.handle(registration, proposed, v, fromForeignAgent)));
            }
        }
        return steps;
    }

    private Optional<VendorExtensionHandler> handlerOf(VendorSpecificExtension extension) {
        return Optional.ofNullable(current().byType().get(VendorExtensionType.of(extension)));
    }

    private Index current() {
        List<VendorExtensionHandler> current = handlers.get();
        Index seen = index;
        if (seen.from() != current) {
            Map<VendorExtensionType, VendorExtensionHandler> byType = byType(current);
            Map<VendorExtensionType, String> names = new HashMap<>();
            byType.forEach((type, handler) -> names.put(type, handler.getClass().getName() + " for " + type));
            seen = new Index(current, byType, Map.copyOf(names));
            index = seen;
        }
        return seen;
    }

    /**
     * The first handler, in ranking order, that names each type. A handler whose
     * {@link VendorExtensionHandler#interprets()} fails or answers null interprets nothing, and
     * says so in the log, rather than failing every request that carries a vendor extension.
     */
    private static Map<VendorExtensionType, VendorExtensionHandler> byType(List<VendorExtensionHandler> ranked) {
        Map<VendorExtensionType, VendorExtensionHandler> byType = new HashMap<>();
        for (VendorExtensionHandler handler : ranked) {
            Set<VendorExtensionType> types;
            try {
                types = Set.copyOf(handler.interprets()); // null, or a null type, throws here
            } catch (RuntimeException e) {
                LOG.error("vendor extension handler {} ignored: its interprets() gave no set of types without null ({})",
                        handler.getClass().getName(), e.toString());
                continue;
            }
            for (VendorExtensionType type : types) {
                VendorExtensionHandler first = byType.putIfAbsent(type, handler);
                if (first != null) {
                    LOG.warn("{} is interpreted by {}, ranked before {}", type, first.getClass().getName(),
                            handler.getClass().getName());
                }
            }
        }
        return Map.copyOf(byType);
    }

    /**
     * @param from      the handlers it was built from, compared by identity
     * @param stepNames each type's policy step name, made once: a record's toString formats with
     *                  String.format, measured at several percent of a Request Handoff's CPU when
     *                  made per request (docs/PERFORMANCE.md "MIMM")
     */
    private record Index(List<VendorExtensionHandler> from, Map<VendorExtensionType, VendorExtensionHandler> byType,
            Map<VendorExtensionType, String> stepNames) {
    }
}
