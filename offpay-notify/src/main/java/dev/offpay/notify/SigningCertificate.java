package dev.offpay.notify;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;

/**
 * The SNS signing key and its self-signed certificate (subject as spec §11.3), created on first
 * start in the data directory and reused afterwards, so receivers can pin it.
 */
public final class SigningCertificate {
    static final String KEY_FILE = "sns-signing-key.pem";
    static final String CERT_FILE = "sns-signing-cert.pem";

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String pem;
    private final String sha1Hex;

    private SigningCertificate(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
        try {
            this.pem = pem("CERTIFICATE", certificate.getEncoded());
            this.sha1Hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the SNS signing certificate", e);
        }
    }

    /** Loads the key and certificate from {@code dataDir}, creating both when either is missing. */
    public static synchronized SigningCertificate loadOrCreate(Path dataDir) {
        Path keyFile = dataDir.resolve(KEY_FILE);
        Path certFile = dataDir.resolve(CERT_FILE);
        try {
            if (Files.isRegularFile(keyFile) && Files.isRegularFile(certFile)) {
                return new SigningCertificate(readKey(Files.readString(keyFile)), readCertificate(Files.readString(certFile)));
            }
            Files.createDirectories(dataDir);
            SigningCertificate created = generate();
            writeAtomically(keyFile, pem("PRIVATE KEY", created.key.getEncoded()), true);
            writeAtomically(certFile, created.pem, false);
            return created;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the SNS signing certificate in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static SigningCertificate generate() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, new SecureRandom());
        KeyPair kp = g.generateKeyPair();
        // Added from C to CN so that the RFC 2253 form reads "CN=sns.amazonaws.com,O=…,C=US", as clients print it.
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US").addRDN(BCStyle.ST, "Washington").addRDN(BCStyle.L, "Seattle")
                .addRDN(BCStyle.O, "Amazon.com Inc.").addRDN(BCStyle.CN, "sns.amazonaws.com").build();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject, kp.getPublic());
        try {
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
            return new SigningCertificate(kp.getPrivate(), cert);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate", e);
        }
    }

    /** Signs with SHA1withRSA (SNS SignatureVersion 1) and returns the base64 signature. */
    public String sign(String stringToSign) {
        try {
            Signature s = Signature.getInstance("SHA1withRSA");
            s.initSign(key);
            s.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the SNS message", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM form, as served at the SigningCertURL. */
    public String pem() {
        return pem;
    }

    /** Lower-case hex SHA-1 of the DER certificate; names the served file. */
    public String sha1Hex() {
        return sha1Hex;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String text) {
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static PrivateKey readKey(String text) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(unpem(text)));
    }

    static X509Certificate readCertificate(String text) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            if (secret) {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the data directory's own permissions protect the key
                }
            }
            Files.writeString(tmp, content);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
