package dev.offpay.core;


import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The persistence port. Every write runs in one transaction that also stores the aggregate's
 * pending events (outbox rows), timers and reference ids, and is durable when the method returns.
 */
public interface Store extends AutoCloseable {

    Optional<Seller> sellerById(String sellerId);

    Optional<Seller> sellerByAccessKey(String accessKey);

    /** Inserts or replaces a seller. */
    void saveSeller(Seller seller);

    List<Seller> sellers();

    /** Inserts a new order reference; false when the id is taken (the caller draws another). */
    boolean insertOrderReference(OrderReference orderReference);

    /** A read-only snapshot. */
    Optional<OrderReference> orderReference(String sellerId, Environment env, String orderReferenceId);

    /**
     * Loads the aggregate under an exclusive lock, applies {@code change}, persists the result and
     * its events, timers and references, and commits. A PaymentException from {@code change} rolls
     * everything back. No such order reference → InvalidOrderReferenceId.
     */
    <T> T updateOrderReference(String sellerId, Environment env, String orderReferenceId, Function<OrderReference, T> change);

    /** Who used this reference id, if anyone. */
    Optional<ReferenceUse> referenceUse(String sellerId, Environment env, String referenceId);

    /** One page of order references by SellerOrderId. */
    List<OrderReference> listOrderReferences(ListQuery query);

    /** Due timers (on each seller's clock) of one seller, or of all sellers when sellerId is null. */
    List<DueTimer> dueTimers(String sellerId, Instant realNow, int limit);

    /**
     * Fires one timer: in one transaction, removes it (if another node already did, nothing happens)
     * and applies {@code fire} to its aggregate.
     */
    void fireTimer(DueTimer timer, java.util.function.Consumer<OrderReference> fire);

    @Override
    void close();

    /** A stored timer that is due. */
    record DueTimer(String timerId, String sellerId, Environment environment, String orderReferenceId, Timer timer) {
    }

    /** ListOrderReference parameters; offset comes from the NextPageToken. */
    record ListQuery(String sellerId, Environment environment, String sellerOrderId, Instant createdFrom, Instant createdTo,
                     Set<States.OrderReferenceState> states, boolean ascending, int offset, int limit) {
    }
}
