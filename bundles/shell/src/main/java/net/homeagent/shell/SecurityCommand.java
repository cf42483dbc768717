package net.homeagent.shell;

import java.net.Inet4Address;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.ForeignAgentAssociations;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.api.SecurityAssociations;

/**
 * The mobility security associations, like IOS {@code show ip mobile secure}, without the keys:
 * the mobile nodes' (MN-HA) and then the foreign agents' (FA-HA, RFC 5944 §3.5.4,
 * etc/foreign-agent-security.conf). Only {@code describeAll()} is read, which carries no key.
 */
@Command(scope = "mip", name = "security",
        description = "Lists the mobility security associations, MN-HA and FA-HA (no keys)")
@Service
public class SecurityCommand extends RenderedCommand {

    private static final String ROW = "%-32s %-24s %-10s %-10s %s%n";

    @Reference
    SecurityAssociations associations;

    /** From the home agent too; without it (home agent stopped) the FA-HA part is left out. */
    @Reference(optional = true)
    ForeignAgentAssociations foreignAgents;

    @Override
    String render() {
        StringBuilder out = new StringBuilder();
        section(out, "Mobility Security Associations", "Owner", associations.describeAll());
        if (foreignAgents != null) {
            // the foreign agent's address stands where a mobile node's home address does
            section(out, "FA-HA Security Associations", "Foreign Agent", foreignAgents.describeAll());
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, String ownerColumn, List<SecurityAssociationInfo> all) {
        out.append(title).append(": Total ").append(all.size()).append(System.lineSeparator());
        if (all.isEmpty()) {
            return;
        }
        out.append(String.format(Locale.ROOT, ROW, ownerColumn, "SPI", "Algorithm", "Replay", "Key"));
        for (SecurityAssociationInfo sa : all) {
            String owner = sa.homeAddress().map(Inet4Address::getHostAddress).orElseGet(() -> sa.nai().orElse("?"));
            // SPIs in decimal as the etc/ files have them, and in hex as IOS configures them
            String spi = sa.spi() + " (0x" + Long.toHexString(sa.spi()) + ")";
            out.append(String.format(Locale.ROOT, ROW, owner, spi, sa.algorithm().configName(),
                    sa.replay().configName(), sa.keyLength() + " octets"));
        }
    }
}
