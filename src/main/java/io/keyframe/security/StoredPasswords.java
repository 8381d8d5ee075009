package io.keyframe.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The {@code stream.password} column as stored, for {@link PasswordsAtRest}. */
@ApplicationScoped
@Transactional
public class StoredPasswords {

    @PersistenceContext(unitName = "keyframe")
    EntityManager em;

    /**
     * Decrypts one encrypted value (a wrong key throws), then encrypts every plain one, in one
     * transaction. Returns how many were encrypted.
     */
    public int checkAndEncrypt(SecretCipher cipher) {
        List<?> sample = em.createNativeQuery(
                "SELECT password FROM stream WHERE password LIKE :prefix ORDER BY camera_id, stream_id LIMIT 1")
                .setParameter("prefix", SecretCipher.PREFIX + "%").getResultList();
        for (Object value : sample) {
            cipher.decrypt((String) value);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> plain = em.createNativeQuery(
                "SELECT camera_id, stream_id, password FROM stream WHERE password IS NOT NULL AND password <> ''"
                        + " AND password NOT LIKE :prefix FOR UPDATE")
                .setParameter("prefix", SecretCipher.PREFIX + "%").getResultList();
        for (Object[] row : plain) {
            em.createNativeQuery("UPDATE stream SET password = :password WHERE camera_id = :camera AND stream_id = :stream")
                    .setParameter("password", cipher.encrypt((String) row[2]))
                    .setParameter("camera", row[0])
                    .setParameter("stream", row[1])
                    .executeUpdate();
        }
        return plain.size();
    }
}
