package net.homeagent.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The MIPv6 home agent's feature in the appliance as shipped: in the system repository but not
 * booted; feature:install brings up the component idle (enabled=false, nothing opened) and the
 * mip6:* commands. The home agent on the wire is tools/mip6/run-mip6-ha.sh's (it needs root).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Mip6IT {

    @Inject
    FeaturesService features;

    @Inject
    SessionFactory sessionFactory;

    @Configuration
    public Option[] appliance() {
        return ApplianceOptions.options();
    }

    @Test
    public void installingTheFeatureBringsUpTheIdleHomeAgentAndItsCommands() throws Exception {
        assertFalse("homeagent-mip6 is not a boot feature",
                features.isInstalled(features.getFeature("homeagent-mip6")));

        features.installFeature("homeagent-mip6", EnumSet.noneOf(FeaturesService.Option.class));

        KarafShell shell = new KarafShell(sessionFactory);
        assertThat(shell.execute("mip6:stats"), containsString("MIPv6 node: off (enabled=false"));
        assertThat(shell.execute("mip6:bindings"), containsString("0 bindings"));
        assertThat(shell.execute("mip6:recovery"), containsString("no binding recovery ran"));
        assertThat(shell.execute("mip6:binding 2001:db8::1"), containsString("no binding for 2001:db8:0:0:0:0:0:1"));
        assertTrue(features.isInstalled(features.getFeature("homeagent-mip6")));
    }
}
