package net.homeagent.shell;

import java.net.Inet4Address;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.api.SecurityAssociations;

/**
 * The mobility security associations, like IOS {@code show ip mobile secure}, without the keys:
 * only {@link SecurityAssociations#describeAll()} is read, which carries none.
 */
@Command(scope = "mip", name = "security", description = "Lists the mobility security associations (no keys)")
@Service
public class SecurityCommand extends RenderedCommand {

    private static final String ROW = "%-32s %-24s %-10s %-10s %s%n";

    @Reference
    SecurityAssociations associations;

    @Override
    String render() {
        List<SecurityAssociationInfo> all = associations.describeAll();
        StringBuilder out = new StringBuilder("Mobility Security Associations: Total ").append(all.size())
                .append(System.lineSeparator());
        if (all.isEmpty()) {
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, ROW, "Owner", "SPI", "Algorithm", "Replay", "Key"));
        for (SecurityAssociationInfo sa : all) {
            String owner = sa.homeAddress().map(Inet4Address::getHostAddress).orElseGet(() -> sa.nai().orElse("?"));
            // SPIs in decimal as etc/mobility-security.conf has them, and in hex as IOS configures them
            String spi = sa.spi() + " (0x" + Long.toHexString(sa.spi()) + ")";
            out.append(String.format(Locale.ROOT, ROW, owner, spi, sa.algorithm().configName(),
                    sa.replay().configName(), sa.keyLength() + " octets"));
        }
        return out.toString();
    }
}
