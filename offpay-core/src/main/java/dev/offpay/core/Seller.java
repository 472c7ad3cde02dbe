package dev.offpay.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A merchant account: its MWS keys, region, settings and sandbox clock offset. Immutable; changes
 * produce a new instance (with*).
 */
public record Seller(String id, String accessKey, String secretKey, Region region, String storeName,
                     String ipnUrlSandbox, String ipnUrlLive, boolean vatRegistered,
                     String customerServiceEmail, String customerServicePhone, long clockOffsetMillis,
                     boolean active, List<MwsAuthGrant> mwsAuthGrants) {

    /** Delegated access: {@code developerId} may call on this seller's behalf with {@code token}. */
    public record MwsAuthGrant(String token, String developerId) {
    }

    public Seller {
        mwsAuthGrants = mwsAuthGrants == null ? List.of() : List.copyOf(mwsAuthGrants);
    }

    /** A seller with default settings. */
    public static Seller create(String id, String accessKey, String secretKey, Region region, String storeName) {
        return new Seller(id, accessKey, secretKey, region, storeName, null, null, false, null, null, 0, true, List.of());
    }

    public Duration clockOffset() {
        return Duration.ofMillis(clockOffsetMillis);
    }

    public String ipnUrl(Environment env) {
        return env.isSandbox() ? ipnUrlSandbox : ipnUrlLive;
    }

    public Optional<MwsAuthGrant> grant(String token) {
        return mwsAuthGrants.stream().filter(g -> g.token().equals(token)).findFirst();
    }

    public Seller withClockOffsetMillis(long offset) {
        return new Seller(id, accessKey, secretKey, region, storeName, ipnUrlSandbox, ipnUrlLive, vatRegistered,
                customerServiceEmail, customerServicePhone, offset, active, mwsAuthGrants);
    }

    public Seller withKeys(String newAccessKey, String newSecretKey) {
        return new Seller(id, newAccessKey, newSecretKey, region, storeName, ipnUrlSandbox, ipnUrlLive, vatRegistered,
                customerServiceEmail, customerServicePhone, clockOffsetMillis, active, mwsAuthGrants);
    }

    public Seller withSettings(Region newRegion, String newStoreName, String newIpnSandbox, String newIpnLive,
                               boolean newVat, String csEmail, String csPhone, boolean newActive) {
        return new Seller(id, accessKey, secretKey, newRegion, newStoreName, newIpnSandbox, newIpnLive, newVat,
                csEmail, csPhone, clockOffsetMillis, newActive, mwsAuthGrants);
    }

    public Seller withGrant(MwsAuthGrant grant) {
        List<MwsAuthGrant> l = new ArrayList<>(mwsAuthGrants);
        l.add(grant);
        return new Seller(id, accessKey, secretKey, region, storeName, ipnUrlSandbox, ipnUrlLive, vatRegistered,
                customerServiceEmail, customerServicePhone, clockOffsetMillis, active, l);
    }
}
