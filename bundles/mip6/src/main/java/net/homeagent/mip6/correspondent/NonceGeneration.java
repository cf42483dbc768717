package net.homeagent.mip6.correspondent;

/**
 * One nonce of a correspondent node with the Kcn generated with it (RFC 6275 §5.2.7: "an update of
 * Kcn SHOULD be done at the same time as an update of a nonce, so that nonce indices can identify
 * both the nonce and the key").
 *
 * @param index           the nonce index sent in Home Test / Care-of Test (§6.1.5, §6.1.6) and
 *                        returned in the Nonce Indices option (§6.2.6)
 * @param nonce           the nonce, {@link NonceTable#NONCE_OCTETS} random octets
 * @param kcn             the node key Kcn, {@link NonceTable#KCN_OCTETS} random octets (§5.2.3)
 * @param firstUsedMillis when it was made, on demand for a Home Test or Care-of Test: its first use
 */
record NonceGeneration(int index, byte[] nonce, byte[] kcn, long firstUsedMillis) {
}
