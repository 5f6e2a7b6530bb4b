/**
 * RFC 9420 §8 "Epoch-Derived Secrets": the values every member derives from `epoch_secret`.
 * Held as `Secret`s so the group layer can delete a whole epoch's keys in one call once the next epoch is
 * merged (§9.2) — and not before, because a Commit that fails its confirmation tag leaves the old epoch
 * current.
 */
import type { CipherSuite } from "../crypto/provider.js";
import { deriveSecret } from "../crypto/labels.js";
import { Secret } from "./secret.js";

/** The derived secrets of one epoch, in the order of the RFC 9420 §8 table, plus the next `init_secret`. */
export class EpochSecrets {
  readonly senderDataSecret: Secret;
  readonly encryptionSecret: Secret;
  readonly exporterSecret: Secret;
  readonly externalSecret: Secret;
  readonly confirmationKey: Secret;
  readonly membershipKey: Secret;
  readonly resumptionPsk: Secret;
  /**
   * §8.7: meant to be compared between members out of band, so it is handed out as plain bytes
   * (a copy: wiping the epoch does not reach values already shown to the user).
   */
  readonly epochAuthenticator: Uint8Array;
  /** `init_secret_[n]`, the salt of the next epoch's key schedule. */
  readonly initSecret: Secret;

  /** §8: every secret of the table is `DeriveSecret(epoch_secret, <label>)`. */
  constructor(cs: CipherSuite, epochSecret: Uint8Array) {
    this.senderDataSecret = new Secret(deriveSecret(cs, epochSecret, "sender data"), "sender_data_secret");
    this.encryptionSecret = new Secret(deriveSecret(cs, epochSecret, "encryption"), "encryption_secret");
    this.exporterSecret = new Secret(deriveSecret(cs, epochSecret, "exporter"), "exporter_secret");
    this.externalSecret = new Secret(deriveSecret(cs, epochSecret, "external"), "external_secret");
    this.confirmationKey = new Secret(deriveSecret(cs, epochSecret, "confirm"), "confirmation_key");
    this.membershipKey = new Secret(deriveSecret(cs, epochSecret, "membership"), "membership_key");
    this.resumptionPsk = new Secret(deriveSecret(cs, epochSecret, "resumption"), "resumption_psk");
    this.epochAuthenticator = deriveSecret(cs, epochSecret, "authentication");
    this.initSecret = new Secret(deriveSecret(cs, epochSecret, "init"), "init_secret");
  }

  /** Deletes every secret of this epoch (§9.2); later reads throw `UsageError`. */
  wipe(): void {
    for (const s of [
      this.senderDataSecret,
      this.encryptionSecret,
      this.exporterSecret,
      this.externalSecret,
      this.confirmationKey,
      this.membershipKey,
      this.resumptionPsk,
      this.initSecret,
    ]) {
      s.wipe();
    }
  }
}
