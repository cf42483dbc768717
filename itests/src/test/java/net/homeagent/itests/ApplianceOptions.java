package net.homeagent.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The appliance as shipped (the karaf-assembly tar.gz) for Pax Exam: the home agent on 127.0.0.1
 * at a free UDP port (system property {@value #PORT_PROPERTY} inside the container) and the one
 * security association of src/test/resources/mobility-security.conf. Shared by every IT class.
 */
final class ApplianceOptions {

    static final String PORT_PROPERTY = "homeagent.itest.port";
    static final String SNMP_PORT_PROPERTY = "homeagent.itest.snmp.port";

    private ApplianceOptions() {
    }

    static Option[] options() {
        int port = FreePorts.udp();
        int snmpPort = FreePorts.udp();
        String karafVersion = System.getProperty("karaf.version");
        return new Option[] {
            karafDistributionConfiguration()
                .frameworkUrl(new File(System.getProperty("homeagent.assembly")).toURI().toString())
                .karafVersion(karafVersion)
                .name("homeagent")
                .unpackDirectory(new File(System.getProperty("pax.exam.unpack")))
                .useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            // Pax Exam 4.14 does not pass the Java 9+ flags of bin/karaf (STACK.md trap 4)
            vmOptions(
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED"),
            // the appliance has no remote repository: Pax Exam's own "exam" feature comes from the
            // local repository, where the pom's dependency plugin put it (STACK.md trap 5)
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("maven.repo.local")),
            // free ports, so the test runs beside a running appliance or another build
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                    Integer.toString(FreePorts.tcp())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                    Integer.toString(FreePorts.tcp())),
            editConfigurationFilePut("etc/net.homeagent.ha.cfg", "listenAddresses", "127.0.0.1"),
            editConfigurationFilePut("etc/net.homeagent.ha.cfg", "port", Integer.toString(port)),
            replaceConfigurationFile("etc/mobility-security.conf",
                    new File("src/test/resources/mobility-security.conf")),
            systemProperty(PORT_PROPERTY).value(Integer.toString(port)),
            // the SNMP agent on a free port too, with the test user and community of src/test/resources
            editConfigurationFilePut("etc/net.homeagent.snmp.cfg", "listenAddress", "127.0.0.1"),
            editConfigurationFilePut("etc/net.homeagent.snmp.cfg", "port", Integer.toString(snmpPort)),
            replaceConfigurationFile("etc/snmp-access.conf", new File("src/test/resources/snmp-access.conf")),
            systemProperty(SNMP_PORT_PROPERTY).value(Integer.toString(snmpPort)),
        };
    }
}
