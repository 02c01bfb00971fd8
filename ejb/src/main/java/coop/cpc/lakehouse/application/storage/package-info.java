/**
 * How the application creates files and folders under {@code webm_storage_path} (segments, their staging
 * files, rejects files): readable by the server's account only, see {@link
 * coop.cpc.lakehouse.application.storage.OwnerOnlyFiles} and docs/security.md.
 */
package coop.cpc.lakehouse.application.storage;
