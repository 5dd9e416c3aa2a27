/* gredis-test-certs.c: a CA and certificates made at test time
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-test-server.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/err.h>

struct _GredisTestCerts
{
  char *directory;
  char *files[GREDIS_TEST_TLS_N_FILES];
};

static const char * const file_names[GREDIS_TEST_TLS_N_FILES] = {
  [GREDIS_TEST_TLS_CA_CERT] = "ca.crt",
  [GREDIS_TEST_TLS_CA_KEY] = "ca.key",
  [GREDIS_TEST_TLS_OTHER_CA_CERT] = "other-ca.crt",
  [GREDIS_TEST_TLS_SERVER_CERT] = "server.crt",
  [GREDIS_TEST_TLS_SERVER_KEY] = "server.key",
  [GREDIS_TEST_TLS_WRONG_HOST_CERT] = "wrong-host.crt",
  [GREDIS_TEST_TLS_WRONG_HOST_KEY] = "wrong-host.key",
  [GREDIS_TEST_TLS_EXPIRED_CERT] = "expired.crt",
  [GREDIS_TEST_TLS_EXPIRED_KEY] = "expired.key",
  [GREDIS_TEST_TLS_SELF_SIGNED_CERT] = "self-signed.crt",
  [GREDIS_TEST_TLS_SELF_SIGNED_KEY] = "self-signed.key",
  [GREDIS_TEST_TLS_CLIENT_CERT] = "client.crt",
  [GREDIS_TEST_TLS_CLIENT_KEY] = "client.key",
  [GREDIS_TEST_TLS_CLIENT_KEY_ENCRYPTED] = "client-encrypted.key",
};

static gboolean
openssl_failed (GError     **error,
                const char  *what)
{
  char buf[256] = "";

  ERR_error_string_n (ERR_get_error (), buf, sizeof buf);
  ERR_clear_error ();
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "Could not make the test certificates (%s): %s", what, buf);
  return FALSE;
}

static gboolean
add_ext (X509       *cert,
         X509       *issuer,
         int         nid,
         const char *value)
{
  X509V3_CTX ctx;
  X509_EXTENSION *ext;
  gboolean ok;

  X509V3_set_ctx_nodb (&ctx);
  X509V3_set_ctx (&ctx, issuer, cert, NULL, NULL, 0);
  ext = X509V3_EXT_conf_nid (NULL, &ctx, nid, value);
  if (ext == NULL)
    return FALSE;
  ok = X509_add_ext (cert, ext, -1) == 1;
  X509_EXTENSION_free (ext);
  return ok;
}

/* Makes a certificate for @key named @cn, signed by @issuer_key (or
 * self-signed when @issuer is NULL), valid from @not_before_s to
 * @not_after_s seconds from now. */
static X509 *
make_cert (const char  *cn,
           EVP_PKEY    *key,
           X509        *issuer,
           EVP_PKEY    *issuer_key,
           gboolean     is_ca,
           const char  *san,
           const char  *eku,
           long         not_before_s,
           long         not_after_s,
           long         serial)
{
  X509 *cert = X509_new ();
  X509_NAME *name = X509_get_subject_name (cert);
  gboolean ok = TRUE;

  X509_set_version (cert, 2);
  ASN1_INTEGER_set (X509_get_serialNumber (cert), serial);
  X509_gmtime_adj (X509_getm_notBefore (cert), not_before_s);
  X509_gmtime_adj (X509_getm_notAfter (cert), not_after_s);
  X509_set_pubkey (cert, key);
  X509_NAME_add_entry_by_txt (name, "O", MBSTRING_ASC, (const guchar *) "Gredis tests", -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_ASC, (const guchar *) cn, -1, -1, 0);
  X509_set_issuer_name (cert, issuer != NULL ? X509_get_subject_name (issuer) : name);

  if (issuer == NULL)
    issuer = cert;
  ok &= add_ext (cert, issuer, NID_basic_constraints, is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  ok &= add_ext (cert, issuer, NID_key_usage,
                 is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,keyEncipherment");
  ok &= add_ext (cert, issuer, NID_subject_key_identifier, "hash");
  if (issuer != cert)
    ok &= add_ext (cert, issuer, NID_authority_key_identifier, "keyid:always");
  if (san != NULL)
    ok &= add_ext (cert, issuer, NID_subject_alt_name, san);
  if (eku != NULL)
    ok &= add_ext (cert, issuer, NID_ext_key_usage, eku);

  if (!ok || X509_sign (cert, issuer_key != NULL ? issuer_key : key, EVP_sha256 ()) == 0)
    {
      X509_free (cert);
      return NULL;
    }
  return cert;
}

static gboolean
write_cert (GredisTestCerts    *certs,
            GredisTestTlsFile   which,
            X509               *cert,
            GError            **error)
{
  FILE *f = fopen (certs->files[which], "w");
  gboolean ok;

  if (f == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Could not write %s: %s", certs->files[which], g_strerror (errno));
      return FALSE;
    }
  ok = PEM_write_X509 (f, cert) == 1;
  fclose (f);
  return ok ? TRUE : openssl_failed (error, certs->files[which]);
}

static gboolean
write_key (GredisTestCerts    *certs,
           GredisTestTlsFile   which,
           EVP_PKEY           *key,
           const char         *password,
           GError            **error)
{
  FILE *f = fopen (certs->files[which], "w");
  gboolean ok;

  if (f == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Could not write %s: %s", certs->files[which], g_strerror (errno));
      return FALSE;
    }
  if (password != NULL)
    ok = PEM_write_PrivateKey (f, key, EVP_aes_256_cbc (),
                               (const guchar *) password, strlen (password), NULL, NULL) == 1;
  else
    ok = PEM_write_PrivateKey (f, key, NULL, NULL, 0, NULL, NULL) == 1;
  fclose (f);
  return ok ? TRUE : openssl_failed (error, certs->files[which]);
}

typedef struct {
  GredisTestTlsFile cert_file;
  GredisTestTlsFile key_file;
  const char *cn;
  gboolean self_signed;
  const char *san;
  const char *eku;
  long not_before_s;
  long not_after_s;
} LeafSpec;

#define DAY (24 * 60 * 60L)
#define LOCALHOST_SAN "DNS:localhost,IP:127.0.0.1,IP:::1"

static const LeafSpec leaves[] = {
  { GREDIS_TEST_TLS_SERVER_CERT, GREDIS_TEST_TLS_SERVER_KEY, "localhost", FALSE,
    LOCALHOST_SAN, "serverAuth", -DAY, 30 * DAY },
  { GREDIS_TEST_TLS_WRONG_HOST_CERT, GREDIS_TEST_TLS_WRONG_HOST_KEY, "wrong.example", FALSE,
    "DNS:wrong.example", "serverAuth", -DAY, 30 * DAY },
  { GREDIS_TEST_TLS_EXPIRED_CERT, GREDIS_TEST_TLS_EXPIRED_KEY, "localhost", FALSE,
    LOCALHOST_SAN, "serverAuth", -30 * DAY, -DAY },
  { GREDIS_TEST_TLS_SELF_SIGNED_CERT, GREDIS_TEST_TLS_SELF_SIGNED_KEY, "localhost", TRUE,
    LOCALHOST_SAN, "serverAuth", -DAY, 30 * DAY },
  { GREDIS_TEST_TLS_CLIENT_CERT, GREDIS_TEST_TLS_CLIENT_KEY, "gredis-test-client", FALSE,
    NULL, "clientAuth", -DAY, 30 * DAY },
};

/*
 * gredis_test_certs_new:
 * @directory: an existing directory to write the files into
 *
 * Makes a test CA, an unrelated CA, and the certificates and keys listed
 * in #GredisTestTlsFile (P-256 keys, PEM files).
 */
GredisTestCerts *
gredis_test_certs_new (const char  *directory,
                       GError     **error)
{
  g_autoptr(GredisTestCerts) certs = g_new0 (GredisTestCerts, 1);
  EVP_PKEY *ca_key = NULL, *other_key = NULL;
  X509 *ca = NULL, *other = NULL;
  gboolean ok = FALSE;
  long serial = 1;

  certs->directory = g_strdup (directory);
  for (guint i = 0; i < GREDIS_TEST_TLS_N_FILES; i++)
    certs->files[i] = g_build_filename (directory, file_names[i], NULL);

  ca_key = EVP_EC_gen ("P-256");
  other_key = EVP_EC_gen ("P-256");
  if (ca_key == NULL || other_key == NULL)
    {
      openssl_failed (error, "key generation");
      goto out;
    }
  ca = make_cert ("Gredis test CA", ca_key, NULL, NULL, TRUE, NULL, NULL, -DAY, 30 * DAY, serial++);
  other = make_cert ("Gredis other CA", other_key, NULL, NULL, TRUE, NULL, NULL, -DAY, 30 * DAY, serial++);
  if (ca == NULL || other == NULL)
    {
      openssl_failed (error, "CA");
      goto out;
    }
  if (!write_cert (certs, GREDIS_TEST_TLS_CA_CERT, ca, error) ||
      !write_key (certs, GREDIS_TEST_TLS_CA_KEY, ca_key, NULL, error) ||
      !write_cert (certs, GREDIS_TEST_TLS_OTHER_CA_CERT, other, error))
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (leaves); i++)
    {
      const LeafSpec *spec = &leaves[i];
      EVP_PKEY *key = EVP_EC_gen ("P-256");
      X509 *cert;
      gboolean written;

      if (key == NULL)
        {
          openssl_failed (error, "key generation");
          goto out;
        }
      cert = make_cert (spec->cn, key, spec->self_signed ? NULL : ca,
                        spec->self_signed ? NULL : ca_key, FALSE, spec->san, spec->eku,
                        spec->not_before_s, spec->not_after_s, serial++);
      if (cert == NULL)
        {
          EVP_PKEY_free (key);
          openssl_failed (error, spec->cn);
          goto out;
        }
      written = write_cert (certs, spec->cert_file, cert, error) &&
                write_key (certs, spec->key_file, key, NULL, error) &&
                (spec->key_file != GREDIS_TEST_TLS_CLIENT_KEY ||
                 write_key (certs, GREDIS_TEST_TLS_CLIENT_KEY_ENCRYPTED, key,
                            GREDIS_TEST_TLS_KEY_PASSWORD, error));
      X509_free (cert);
      EVP_PKEY_free (key);
      if (!written)
        goto out;
    }
  ok = TRUE;

out:
  X509_free (ca);
  X509_free (other);
  EVP_PKEY_free (ca_key);
  EVP_PKEY_free (other_key);
  return ok ? g_steal_pointer (&certs) : NULL;
}

const char *
gredis_test_certs_get_file (GredisTestCerts   *certs,
                            GredisTestTlsFile  which)
{
  g_return_val_if_fail (which < GREDIS_TEST_TLS_N_FILES, NULL);
  return certs->files[which];
}

/* Removes the files it made (not the directory) and frees @certs. */
void
gredis_test_certs_free (GredisTestCerts *certs)
{
  if (certs == NULL)
    return;
  for (guint i = 0; i < GREDIS_TEST_TLS_N_FILES; i++)
    {
      if (certs->files[i] != NULL)
        g_unlink (certs->files[i]);
      g_free (certs->files[i]);
    }
  g_free (certs->directory);
  g_free (certs);
}
