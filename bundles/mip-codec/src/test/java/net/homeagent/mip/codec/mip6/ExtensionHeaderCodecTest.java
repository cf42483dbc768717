package net.homeagent.mip.codec.mip6;

import static net.homeagent.mip.codec.mip6.Mip6Fixtures.HOME;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import net.homeagent.mip.codec.mip6.MalformedMobilityHeaderException.Answer;

/** Home Address destination option (RFC 6275 §6.3) and type 2 routing header (§6.4). */
class ExtensionHeaderCodecTest {
    private static final String HOME_HEX = "20010db8000100000000000000000010";
    private final DestinationOptionsCodec destinationOptions = new DestinationOptionsCodec();
    private final Type2RoutingHeaderCodec routing = new Type2RoutingHeaderCodec();

    @Test
    void homeAddressOptionIsWrittenAt8nPlus6AfterAPadN() {
        ByteBuf out = Unpooled.buffer();
        destinationOptions.encode(DestinationOptionsHeader.withHomeAddress(135, HOME), out);
        assertThat(HexFormat.of().formatHex(ByteBufUtil.getBytes(out)))
                .isEqualTo("87" + "02" + "01020000" + "c910" + HOME_HEX);
    }

    @Test
    void aHeaderWithoutHomeAddressIsPadNOfSixOctetsAndDecodesBack() throws Exception {
        ByteBuf out = Unpooled.buffer();
        destinationOptions.encode(new DestinationOptionsHeader(59, Optional.empty()), out);
        assertThat(HexFormat.of().formatHex(ByteBufUtil.getBytes(out))).isEqualTo("3b00010400000000");
        assertThat(destinationOptions.decode(out)).isEqualTo(new DestinationOptionsHeader(59, Optional.empty()));
    }

    @Test
    void homeAddressOptionIsFoundAmongPad1AndSkippableUnknownOptions() throws Exception {
        // two Pad1, option 0x1e (action 00: skip) without data, the HAO at 6; then one octet of what follows
        ByteBuf header = Unpooled.wrappedBuffer(hex("3b | 02 | 00 00 | 1e 00 | c9 10" + HOME_HEX + "| aa"));
        DestinationOptionsHeader option = destinationOptions.decode(header);
        assertThat(option).isEqualTo(DestinationOptionsHeader.withHomeAddress(59, HOME));
        assertThat(header.readableBytes()).as("only the header is consumed").isEqualTo(1);
    }

    @Test
    void unknownOptionsAreAnsweredByTheirActionBits() {
        assertDestinationAnswer("3b | 02 | 5e 02 0000 | c9 10" + HOME_HEX, Answer.DISCARD, -1);
        assertDestinationAnswer("3b | 02 | 9e 02 0000 | c9 10" + HOME_HEX, Answer.UNRECOGNIZED_OPTION, 2);
        assertDestinationAnswer("3b | 02 | de 02 0000 | c9 10" + HOME_HEX, Answer.UNRECOGNIZED_OPTION, 2);
    }

    @Test
    void malformedDestinationOptionsAreDiscarded() {
        // truncated address; header past the data; length 15; HAO at 8n+4; HAO twice; option past the header
        assertDestinationAnswer("3b | 02 | 01 02 0000 | c9 10" + HOME_HEX.substring(2), Answer.DISCARD, -1);
        assertDestinationAnswer("3b | 02 | 01 02 0000 | c9 0f" + HOME_HEX.substring(2) + "00", Answer.DISCARD, -1);
        assertDestinationAnswer("3b | 02 | 01 00 | c9 10" + HOME_HEX + "| 01 00", Answer.DISCARD, -1);
        assertDestinationAnswer("3b | 05 | 01 02 0000 | c9 10" + HOME_HEX + "| 01 04 00000000 | c9 10" + HOME_HEX,
                Answer.DISCARD, -1);
        assertDestinationAnswer("3b | 01 | 01 06 000000000000 | 1e 04", Answer.DISCARD, -1);
        assertDestinationAnswer("3b", Answer.DISCARD, -1);
    }

    @Test
    void type2RoutingHeaderRoundTrips() throws Exception {
        ByteBuf out = Unpooled.buffer();
        routing.encode(Type2RoutingHeader.to(HOME, 135), out);
        assertThat(HexFormat.of().formatHex(ByteBufUtil.getBytes(out)))
                .isEqualTo("87" + "02" + "02" + "01" + "00000000" + HOME_HEX);
        assertThat(routing.decode(out)).isEqualTo(new Type2RoutingHeader(135, 1, HOME));
        assertThat(routing.decode(Unpooled.wrappedBuffer(hex("3b 02 02 00 00000000" + HOME_HEX))).segmentsLeft())
                .isZero();
    }

    @Test
    void type2RoutingHeaderErrorsPointAtTheirField() {
        assertRoutingAnswer("3b 02 00 01 00000000" + HOME_HEX, Answer.PARAMETER_PROBLEM, 2);
        assertRoutingAnswer("3b 04 02 01 00000000" + HOME_HEX + "00".repeat(16), Answer.PARAMETER_PROBLEM, 1);
        assertRoutingAnswer("3b 02 02 02 00000000" + HOME_HEX, Answer.PARAMETER_PROBLEM, 3);
        assertRoutingAnswer("3b 02 02 01 00000000" + HOME_HEX.substring(2), Answer.DISCARD, -1);
        assertRoutingAnswer("3b 02", Answer.DISCARD, -1);
    }

    private void assertDestinationAnswer(String header, Answer answer, int pointer) {
        assertThatThrownBy(() -> destinationOptions.decode(Unpooled.wrappedBuffer(hex(header))))
                .isInstanceOfSatisfying(MalformedMobilityHeaderException.class, e -> {
                    assertThat(e.answer()).as(e.getMessage()).isEqualTo(answer);
                    assertThat(e.pointer()).isEqualTo(pointer);
                });
    }

    private void assertRoutingAnswer(String header, Answer answer, int pointer) {
        assertThatThrownBy(() -> routing.decode(Unpooled.wrappedBuffer(hex(header))))
                .isInstanceOfSatisfying(MalformedMobilityHeaderException.class, e -> {
                    assertThat(e.answer()).as(e.getMessage()).isEqualTo(answer);
                    assertThat(e.pointer()).isEqualTo(pointer);
                });
    }
}
