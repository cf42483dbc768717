package net.homeagent.ha;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.MipMessage;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Builds Registration Requests as a mobile node sends them: encoded with {@link MipCodec}, the
 * MN-HA authenticator computed with a security association, then decoded again so that the
 * request has its wire octets and authenticated lengths as the home agent receives it.
 */
public final class RequestBuilder {
    public static final MipCodec CODEC = MipCodec.standard();

    private int flags;
    private int lifetime = 600;
    private Inet4Address homeAddress;
    private Inet4Address homeAgent = ip("10.0.0.1");
    private Inet4Address careOf = ip("192.0.2.5");
    private long identification;
    private final List<Extension> beforeAuthentication = new ArrayList<>();
    private final List<Extension> authentication = new ArrayList<>();
    private final List<Extension> afterAuthentication = new ArrayList<>();
    private MessageSigner signer = MessageSigner.NONE;

    private RequestBuilder(Inet4Address homeAddress) {
        this.homeAddress = homeAddress;
    }

    public static RequestBuilder request(String homeAddress) {
        return new RequestBuilder(ip(homeAddress));
    }

    public static Inet4Address ip(String dottedQuad) {
        return Ipv4.parse(dottedQuad).orElseThrow();
    }

    /** A timestamp identification (RFC 5944 §5.7.1) for {@code instant}, whole seconds. */
    public static long timestamp(Instant instant) {
        return (instant.getEpochSecond() + 2_208_988_800L) << 32;
    }

    /** Signs as the mobile node holding {@code sa} does. */
    public static MessageSigner signerOf(SecurityAssociation sa) {
        return (extension, data, offset, length) -> sa.authenticate(data, offset, length);
    }

    public RequestBuilder flags(int value) {
        this.flags = value;
        return this;
    }

    public RequestBuilder lifetime(int seconds) {
        this.lifetime = seconds;
        return this;
    }

    public RequestBuilder homeAgent(String address) {
        this.homeAgent = ip(address);
        return this;
    }

    public RequestBuilder careOf(String address) {
        this.careOf = ip(address);
        return this;
    }

    public RequestBuilder identification(long value) {
        this.identification = value;
        return this;
    }

    /** The NAI extension (RFC 2794), placed before the authentication extension so it is covered. */
    public RequestBuilder nai(String nai) {
        return before(new NaiExtension(nai));
    }

    /** An extension the mobile node adds, covered by its authenticator. */
    public RequestBuilder before(Extension extension) {
        beforeAuthentication.add(extension);
        return this;
    }

    /** An extension a foreign agent appends after the mobile node's authenticator. */
    public RequestBuilder after(Extension extension) {
        afterAuthentication.add(extension);
        return this;
    }

    /** MN-HA authentication with the association's SPI and key. */
    public RequestBuilder signedWith(SecurityAssociation sa) {
        return authenticated(signerOf(sa), AuthenticationExtension.mobileHome(sa.spi()));
    }

    /** Any authentication extensions (none, several, MN-AAA...), each signed by {@code by}. */
    public RequestBuilder authenticated(MessageSigner by, AuthenticationExtension... extensions) {
        authentication.clear();
        authentication.addAll(List.of(extensions));
        this.signer = by;
        return this;
    }

    public RegistrationRequest unencoded() {
        List<Extension> extensions = new ArrayList<>(beforeAuthentication);
        extensions.addAll(authentication);
        extensions.addAll(afterAuthentication);
        return new RegistrationRequest(flags, lifetime, homeAddress, homeAgent, careOf, identification, extensions);
    }

    public byte[] encode() {
        ByteBuf buf = Unpooled.buffer();
        try {
            CODEC.encode(unencoded(), buf, signer);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** The request as the home agent decodes it from the wire. */
    public RegistrationRequest build() {
        return (RegistrationRequest) decode(encode());
    }

    public static MipMessage decode(byte[] datagram) {
        try {
            return CODEC.decode(Unpooled.wrappedBuffer(datagram));
        } catch (MalformedMessageException e) {
            throw new AssertionError("test datagram does not decode: " + e.getMessage(), e);
        }
    }
}
