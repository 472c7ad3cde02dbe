package dev.offpay.server;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * A certificate authority Offpay creates on first start in {@code <data>/tls}: clients that only speak
 * HTTPS (PHP, Ruby, the CV2 SDKs) trust its {@code ca.pem}; the server certificate it issues names
 * localhost, 127.0.0.1 and the public host.
 */
public final class LocalCa {
    static final char[] PASSWORD = "offpay".toCharArray();
    private final Path dir;

    public LocalCa(Path dataDir) {
        this.dir = dataDir.resolve("tls");
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public Path keyStore() {
        return dir.resolve("server.p12");
    }

    /**
     * Creates the CA (once) and a server certificate naming {@code hosts}; the server certificate is
     * issued again when the host names change, the CA never (clients keep trusting it).
     */
    public Path ensure(Set<String> hosts) throws Exception {
        Path hostsFile = dir.resolve("hosts");
        String wanted = String.join(",", new java.util.TreeSet<>(hosts));
        if (Files.exists(keyStore()) && Files.exists(caPem()) && Files.exists(hostsFile)
                && Files.readString(hostsFile).equals(wanted)) {
            return keyStore();
        }
        Files.createDirectories(dir);
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048);
        Instant now = Instant.now();
        Date from = Date.from(now.minus(Duration.ofDays(1)));
        Date to = Date.from(now.plus(Duration.ofDays(3650)));
        KeyPair caKeys;
        X509Certificate ca;
        Path caKey = dir.resolve("ca-key.p12");
        if (Files.exists(caKey) && Files.exists(caPem())) {
            KeyStore cks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(caKey)) {
                cks.load(in, PASSWORD);
            }
            ca = (X509Certificate) cks.getCertificate("ca");
            caKeys = new KeyPair(ca.getPublicKey(), (java.security.PrivateKey) cks.getKey("ca", PASSWORD));
        } else {
            caKeys = kpg.generateKeyPair();
            X500Name caName = new X500Name("CN=Offpay Local CA, O=Offpay");
            X509v3CertificateBuilder cab = new JcaX509v3CertificateBuilder(caName, serial(), from, to, caName, caKeys.getPublic());
            cab.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            cab.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca = sign(cab, caKeys);
            KeyStore cks = KeyStore.getInstance("PKCS12");
            cks.load(null, null);
            cks.setKeyEntry("ca", caKeys.getPrivate(), PASSWORD, new Certificate[]{ca});
            try (OutputStream out = Files.newOutputStream(caKey)) {
                cks.store(out, PASSWORD);
            }
        }

        KeyPair serverKeys = kpg.generateKeyPair();
        X509v3CertificateBuilder sb = new JcaX509v3CertificateBuilder(ca, serial(), from, to, new X500Name("CN=localhost, O=Offpay"),
                serverKeys.getPublic());
        List<GeneralName> names = new ArrayList<>();
        for (String h : hosts) {
            boolean ip = h.matches("[0-9.]+") || h.contains(":");
            names.add(ip ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(h).getHostAddress())
                    : new GeneralName(GeneralName.dNSName, h));
        }
        sb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
        sb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509Certificate server = sign(sb, caKeys);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("offpay", serverKeys.getPrivate(), PASSWORD, new Certificate[]{server, ca});
        try (OutputStream out = Files.newOutputStream(keyStore())) {
            ks.store(out, PASSWORD);
        }
        Files.writeString(caPem(), pem(ca));
        Files.writeString(hostsFile, wanted);
        return keyStore();
    }

    /** The CA certificate in PEM, for clients to trust. */
    public String caCertificatePem() throws Exception {
        return Files.readString(caPem());
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    static String pem(Object o) throws Exception {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        }
        return sw.toString();
    }
}
