package com.zoomfactor.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HostAllowListTest {

    @Test
    void hostsAddressesAndBlocksAreListed() throws Exception {
        HostAllowList list = HostAllowList.parse(" Hooks.Internal. , 10.1.0.0/16, ::1, 192.168.7.9 ");
        assertThat(list.allowsHost("hooks.internal")).isTrue();
        assertThat(list.allowsHost("HOOKS.internal.")).isTrue();
        assertThat(list.allowsHost("other.internal")).isFalse();
        assertThat(list.allowsAddress(InetAddress.getByName("10.1.200.3"))).isTrue();
        assertThat(list.allowsAddress(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(list.allowsAddress(InetAddress.getByName("::1"))).isTrue();
        assertThat(list.allowsAddress(InetAddress.getByName("192.168.7.9"))).isTrue();
        assertThat(list.allowsAddress(InetAddress.getByName("192.168.7.10"))).isFalse();
        assertThat(list.allowsAddress(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void nothingIsAllowedByDefault() throws Exception {
        assertThat(HostAllowList.none().allowsAddress(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(HostAllowList.none().isEmpty()).isTrue();
    }

    @Test
    void malformedEntriesAreNamed() {
        assertThatThrownBy(() -> HostAllowList.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> HostAllowList.parse("hooks.internal/8")).hasMessageContaining("hooks.internal/8");
        assertThatThrownBy(() -> HostAllowList.parse("bad host!")).hasMessageContaining("bad host!");
    }
}
