package net.homeagent.group;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingFilter;
import net.homeagent.mip.api.BindingSnapshots;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.testing.FakeBindingStore;

/** The in-process half of {@link BindingSnapshots} over a fake store: what a learn responder uses. */
final class StoreSnapshots implements BindingSnapshots {

    private final FakeBindingStore store;

    StoreSnapshots(FakeBindingStore store) {
        this.store = store;
    }

    @Override
    public long export(BindingFilter filter, Consumer<Binding> consumer) {
        var bindings = store.list(filter::test);
        bindings.forEach(consumer);
        return bindings.size();
    }

    @Override
    public long export(BindingFilter filter, OutputStream out) {
        throw new UnsupportedOperationException("the group sends its own records");
    }

    @Override
    public ImportResult importFrom(InputStream in, ImportMode mode, ChangeOrigin origin) {
        throw new UnsupportedOperationException("the group imports through the store");
    }
}
