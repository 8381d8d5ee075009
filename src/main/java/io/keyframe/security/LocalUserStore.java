package io.keyframe.security;

import com.ibm.websphere.security.PasswordCheckFailedException;
import com.ibm.websphere.security.UserRegistry;
import com.ibm.wsspi.security.registry.RegistryHelper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.HashSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local users ({@code KEYFRAME_SECURITY=local}) as a Jakarta Security identity store: Liberty's
 * basicRegistry checks the password (plain or {@code {hash}}) and names the user's groups, which
 * are the roles. Needed because an application's own authentication mechanism ({@link LocalSignIn})
 * validates through the identity stores, and Liberty does not offer its registry as one by itself.
 * Vetoed in the other modes ({@link LocalSignInExtension}).
 */
@ApplicationScoped
public class LocalUserStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(LocalUserStore.class.getName());

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential given)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        try {
            UserRegistry registry = RegistryHelper.getUserRegistry(null);
            String user = registry.checkPassword(given.getCaller(), given.getPasswordAsString());
            return new CredentialValidationResult(user, new HashSet<>(registry.getGroupsForUser(user)));
        } catch (PasswordCheckFailedException e) {
            return CredentialValidationResult.INVALID_RESULT;
        } catch (Exception e) {
            // never the credential: only what failed
            LOG.log(Level.WARNING, "the user registry could not check a sign-in: " + e.getClass().getSimpleName());
            return CredentialValidationResult.INVALID_RESULT;
        }
    }
}
