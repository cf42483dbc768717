package net.homeagent.ha.registration;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import net.homeagent.mip.api.RegistrationVerdict;

/**
 * One question of the policy stage: a vendor extension handler about one extension, or a
 * registration policy.
 *
 * @param name for logs and the timeout's message, e.g. the policy's class
 * @param ask  asks it; called once, on the thread the chain runs on
 */
record PolicyStep(String name, Supplier<CompletionStage<RegistrationVerdict>> ask) {
}
