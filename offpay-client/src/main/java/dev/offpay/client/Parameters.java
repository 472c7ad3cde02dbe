package dev.offpay.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects wire parameters of a request, leaving out the optional ones that were not given. */
final class Parameters {

    private final Map<String, String> values = new LinkedHashMap<>();

    Parameters put(String name, String value) {
        if (value != null) {
            values.put(name, value);
        }
        return this;
    }

    Parameters put(String name, Boolean value) {
        // Lower-case true/false, as every client sends them.
        return put(name, value == null ? null : value.toString());
    }

    Parameters put(String name, Integer value) {
        return put(name, value == null ? null : value.toString());
    }

    Parameters put(String prefix, Price price) {
        if (price != null) {
            values.put(prefix + ".Amount", price.amountText());
            values.put(prefix + ".CurrencyCode", price.currencyCode());
        }
        return this;
    }

    /** {@code prefix.1}, {@code prefix.2}, … (lists are 1-based on the wire). */
    Parameters putList(String prefix, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            values.put(prefix + "." + (i + 1), items.get(i));
        }
        return this;
    }

    /** {@code prefix.member.N.ProviderId} and {@code prefix.member.N.<amountName>.Amount/CurrencyCode}. */
    Parameters putProviderCredits(String prefix, String amountName, List<ProviderCredit> credits) {
        for (int i = 0; i < credits.size(); i++) {
            String member = prefix + ".member." + (i + 1);
            values.put(member + ".ProviderId", credits.get(i).providerId());
            put(member + "." + amountName, credits.get(i).amount());
        }
        return this;
    }

    Parameters putSellerOrderAttributes(String prefix, SellerOrderAttributes attributes, boolean withCategories) {
        if (attributes != null) {
            put(prefix + ".SellerOrderId", attributes.sellerOrderId());
            put(prefix + ".StoreName", attributes.storeName());
            put(prefix + ".CustomInformation", attributes.customInformation());
            put(prefix + ".SupplementaryData", attributes.supplementaryData());
            if (withCategories) {
                putList(prefix + ".OrderItemCategories.OrderItemCategory", attributes.orderItemCategories());
            }
        }
        return this;
    }

    Map<String, String> toMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
