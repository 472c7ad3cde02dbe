package dev.offpay.core;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates Login with Amazon access tokens (AccessToken / AddressConsentToken) presented to
 * GetOrderReferenceDetails (port).
 */
public interface AccessTokens {

    /** A valid token: whose it is (null = any buyer) and what it may see. */
    record Grant(String buyerId, Set<String> scopes) {
        public boolean allowsShippingAddress() {
            return scopes.contains("payments:shipping_address") || scopes.contains("payments:widget");
        }

        public boolean allowsBillingAddress() {
            return scopes.contains("payments:billing_address");
        }
    }

    /** The grant of a valid token for this seller's objects, or empty when the token is not valid. */
    Optional<Grant> validate(String token, String sellerId);

    Pattern LWA_SHAPE = Pattern.compile("Atza\\|[A-Za-z0-9+/=_.|%-]{8,}");

    /** Accepts any token shaped like a Login with Amazon access token ("Atza|…"), for any buyer. */
    AccessTokens SHAPE_ONLY = (token, sellerId) -> token != null && LWA_SHAPE.matcher(token).matches()
            ? Optional.of(new Grant(null, Set.of("payments:widget", "payments:shipping_address", "payments:billing_address", "profile")))
            : Optional.empty();
}
