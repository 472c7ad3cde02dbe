package dev.offpay.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.offpay.core.CurrencyCode;
import dev.offpay.core.Money;

import java.io.IOException;

/** The JSON mapping of stored aggregates: fields, not getters; money as "USD:12345" (minor units). */
public final class Json {
    private Json() {
    }

    public static ObjectMapper mapper() {
        SimpleModule money = new SimpleModule("money");
        money.addSerializer(Money.class, new JsonSerializer<>() {
            @Override
            public void serialize(Money m, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(m.currency().name() + ":" + m.minor());
            }
        });
        money.addDeserializer(Money.class, new JsonDeserializer<>() {
            @Override
            public Money deserialize(JsonParser p, DeserializationContext c) throws IOException {
                String s = p.getValueAsString();
                int i = s.indexOf(':');
                return Money.ofMinor(CurrencyCode.valueOf(s.substring(0, i)), Long.parseLong(s.substring(i + 1)));
            }
        });
        ObjectMapper m = new ObjectMapper();
        m.registerModule(new JavaTimeModule());
        m.registerModule(money);
        m.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        m.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        m.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        m.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, true);
        m.configure(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS, false);
        m.configure(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS, false);
        return m;
    }
}
