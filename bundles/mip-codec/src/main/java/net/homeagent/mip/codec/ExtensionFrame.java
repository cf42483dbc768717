package net.homeagent.mip.codec;

/**
 * Where one received extension sits in its message, as framed from its header.
 *
 * @param type       the extension type code
 * @param headerByte the sub-type (or reserved) octet of a {@link ExtensionFormat#LONG} header, else 0
 * @param offset     octets from the message's first octet to the extension's type octet
 * @param bodyOffset octets from the message's first octet to the first octet after the header
 * @param bodyLength the header's length field
 */
public record ExtensionFrame(int type, int headerByte, int offset, int bodyOffset, int bodyLength) {
}
