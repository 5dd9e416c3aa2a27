/* gredis-test-server.c: real redis-servers for the tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-test-server.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>

#define START_ATTEMPTS 5
#define READY_TIMEOUT_US (10 * G_USEC_PER_SEC)
#define STOP_TIMEOUT_US (3 * G_USEC_PER_SEC)

struct _GredisTestServer
{
  GredisTestServerFlags flags;
  GSubprocess *process;
  GPid pid;
  char *directory;
  char *socket_path;
  char *log_path;
  char *host;
  guint16 port;
  guint16 tls_port;
  GredisTestCerts *certs;
  gboolean paused;
  char *sentinel_config;  /* the sentinel.conf text, for a sentinel */
  char **extra_args;      /* as given at start, for a restart */
  gboolean reuse_ports;   /* a restart: the ports stay */
};

/* Servers still running, stopped at exit in case a test ends early. */
static GMutex live_lock;
static GPtrArray *live_servers;

static void
stop_live_servers (void)
{
  GredisTestServer *server;

  for (;;)
    {
      g_mutex_lock (&live_lock);
      server = live_servers != NULL && live_servers->len > 0
               ? g_ptr_array_index (live_servers, live_servers->len - 1) : NULL;
      g_mutex_unlock (&live_lock);
      if (server == NULL)
        break;
      gredis_test_server_stop (server);
    }
}

static void
track (GredisTestServer *server,
       gboolean          live)
{
  static gboolean registered;

  g_mutex_lock (&live_lock);
  if (live_servers == NULL)
    live_servers = g_ptr_array_new ();
  if (live)
    g_ptr_array_add (live_servers, server);
  else
    g_ptr_array_remove (live_servers, server);
  if (!registered)
    {
      registered = TRUE;
      atexit (stop_live_servers);
    }
  g_mutex_unlock (&live_lock);
}

/* The server dies with the test program, even when the test aborts. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Binds port 0 on @address to learn a free port. The port is free again
 * when this returns; another program may take it before redis-server
 * does, which gredis_test_server_start() handles by trying again. */
static guint16
pick_free_port (GSocketFamily   family,
                GError        **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (family);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL || !g_socket_bind (socket, any, FALSE, error))
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
ping_unix_socket (const char *path)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  char reply[64];
  gssize n;

  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, NULL);
  if (socket == NULL)
    return FALSE;
  g_socket_set_timeout (socket, 2);
  address = g_unix_socket_address_new (path);
  if (!g_socket_connect (socket, address, NULL, NULL))
    return FALSE;
  if (g_socket_send (socket, "PING\r\n", 6, NULL, NULL) != 6)
    return FALSE;
  n = g_socket_receive (socket, reply, sizeof reply, NULL, NULL);
  /* +PONG, or -NOAUTH when a password is required: either way it serves. */
  return n > 0 && (reply[0] == '+' || reply[0] == '-');
}

static gboolean
process_exited (GredisTestServer *server)
{
  return g_subprocess_get_identifier (server->process) == NULL;
}

static char *
read_log_tail (GredisTestServer *server)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (server->log_path, &contents, &length, NULL))
    return g_strdup ("(no log)");
  return g_strdup (length > 2000 ? contents + length - 2000 : contents);
}

static void
add_tls_args (GredisTestServer *server,
              GPtrArray        *argv)
{
  GredisTestTlsFile cert = GREDIS_TEST_TLS_SERVER_CERT;
  GredisTestTlsFile key = GREDIS_TEST_TLS_SERVER_KEY;

  if (server->flags & GREDIS_TEST_SERVER_TLS_WRONG_HOST)
    cert = GREDIS_TEST_TLS_WRONG_HOST_CERT, key = GREDIS_TEST_TLS_WRONG_HOST_KEY;
  else if (server->flags & GREDIS_TEST_SERVER_TLS_EXPIRED)
    cert = GREDIS_TEST_TLS_EXPIRED_CERT, key = GREDIS_TEST_TLS_EXPIRED_KEY;
  else if (server->flags & GREDIS_TEST_SERVER_TLS_SELF_SIGNED)
    cert = GREDIS_TEST_TLS_SELF_SIGNED_CERT, key = GREDIS_TEST_TLS_SELF_SIGNED_KEY;

  g_ptr_array_add (argv, g_strdup ("--tls-port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", server->tls_port));
  g_ptr_array_add (argv, g_strdup ("--tls-cert-file"));
  g_ptr_array_add (argv, g_strdup (gredis_test_certs_get_file (server->certs, cert)));
  g_ptr_array_add (argv, g_strdup ("--tls-key-file"));
  g_ptr_array_add (argv, g_strdup (gredis_test_certs_get_file (server->certs, key)));
  g_ptr_array_add (argv, g_strdup ("--tls-ca-cert-file"));
  g_ptr_array_add (argv, g_strdup (gredis_test_certs_get_file (server->certs, GREDIS_TEST_TLS_CA_CERT)));
  g_ptr_array_add (argv, g_strdup ("--tls-auth-clients"));
  g_ptr_array_add (argv, g_strdup (server->flags & GREDIS_TEST_SERVER_TLS_CLIENT_AUTH ? "yes" : "no"));
  if (server->flags & GREDIS_TEST_SERVER_TLS_1_2_ONLY)
    {
      g_ptr_array_add (argv, g_strdup ("--tls-protocols"));
      g_ptr_array_add (argv, g_strdup ("TLSv1.2"));
    }
}

static gboolean
try_start (GredisTestServer    *server,
           const char * const  *extra_args,
           gboolean            *retry,
           GError             **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GredisTestServerFlags flags = server->flags;
  gboolean want_tcp = flags & (GREDIS_TEST_SERVER_TCP | GREDIS_TEST_SERVER_TCP6);
  GSocketFamily family = (flags & GREDIS_TEST_SERVER_TCP) || !(flags & GREDIS_TEST_SERVER_TCP6)
                         ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6;
  GString *bind = g_string_new (NULL);
  gint64 deadline;

  *retry = FALSE;
  if (!server->reuse_ports)
    {
      server->port = 0;
      server->tls_port = 0;
      if (want_tcp && (server->port = pick_free_port (family, error)) == 0)
        return FALSE;
      if ((flags & GREDIS_TEST_SERVER_TLS) && (server->tls_port = pick_free_port (family, error)) == 0)
        return FALSE;
    }

  if (flags & GREDIS_TEST_SERVER_TCP || !(flags & GREDIS_TEST_SERVER_TCP6))
    g_string_append (bind, "127.0.0.1");
  if (flags & GREDIS_TEST_SERVER_TCP6)
    g_string_append (bind, bind->len > 0 ? " ::1" : "::1");

  g_ptr_array_add (argv, g_strdup ("redis-server"));
  if (server->sentinel_config != NULL)
    {
      /* Written again at each attempt: a sentinel rewrites its file. */
      g_autofree char *path = g_build_filename (server->directory, "sentinel.conf", NULL);

      if (!g_file_set_contents (path, server->sentinel_config, -1, error))
        return FALSE;
      g_ptr_array_add (argv, g_steal_pointer (&path));
      g_ptr_array_add (argv, g_strdup ("--sentinel"));
    }
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", server->port));
  g_ptr_array_add (argv, g_strdup ("--bind"));
  g_ptr_array_add (argv, g_string_free (bind, FALSE));
  g_ptr_array_add (argv, g_strdup ("--save"));
  g_ptr_array_add (argv, g_strdup (""));
  g_ptr_array_add (argv, g_strdup ("--appendonly"));
  g_ptr_array_add (argv, g_strdup ("no"));
  g_ptr_array_add (argv, g_strdup ("--daemonize"));
  g_ptr_array_add (argv, g_strdup ("no"));
  g_ptr_array_add (argv, g_strdup ("--dir"));
  g_ptr_array_add (argv, g_strdup (server->directory));
  g_ptr_array_add (argv, g_strdup ("--unixsocket"));
  g_ptr_array_add (argv, g_strdup (server->socket_path));
  g_ptr_array_add (argv, g_strdup ("--unixsocketperm"));
  g_ptr_array_add (argv, g_strdup ("700"));
  g_ptr_array_add (argv, g_strdup ("--enable-debug-command"));
  g_ptr_array_add (argv, g_strdup ("yes"));
  if (flags & GREDIS_TEST_SERVER_TLS)
    add_tls_args (server, argv);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdout_file_path (launcher, server->log_path);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  if (server->process == NULL)
    return FALSE;
  server->pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (server->process), NULL, 10);

  deadline = g_get_monotonic_time () + READY_TIMEOUT_US;
  while (g_get_monotonic_time () < deadline)
    {
      if (ping_unix_socket (server->socket_path))
        return TRUE;
      if (process_exited (server))
        break;
      g_usleep (10 * 1000);
    }

  if (process_exited (server))
    {
      g_autofree char *log = read_log_tail (server);

      /* Most likely another program took the port: try another. */
      *retry = strstr (log, "Address already in use") != NULL;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "redis-server exited at start; its log:\n%s", log);
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "redis-server did not answer PING on %s in time", server->socket_path);
    }
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
  return FALSE;
}

/* A redis-server, or a sentinel when @sentinel_config is given. */
static GredisTestServer *
start_server (GredisTestServerFlags   flags,
              const char             *sentinel_config,
              const char * const     *extra_args,
              GError                **error)
{
  GredisTestServer *server = g_new0 (GredisTestServer, 1);
  gboolean retry = TRUE;

  server->sentinel_config = g_strdup (sentinel_config);
  server->extra_args = g_strdupv ((char **) extra_args);

  if (flags & GREDIS_TEST_SERVER_TLS_CLIENT_AUTH || flags & GREDIS_TEST_SERVER_TLS_WRONG_HOST ||
      flags & GREDIS_TEST_SERVER_TLS_EXPIRED || flags & GREDIS_TEST_SERVER_TLS_SELF_SIGNED ||
      flags & GREDIS_TEST_SERVER_TLS_1_2_ONLY)
    flags |= GREDIS_TEST_SERVER_TLS;
  server->flags = flags;
  server->directory = g_dir_make_tmp ("gredis-test-XXXXXX", error);
  if (server->directory == NULL)
    {
      g_free (server);
      return NULL;
    }
  server->socket_path = g_build_filename (server->directory, "redis.sock", NULL);
  server->log_path = g_build_filename (server->directory, "redis.log", NULL);
  server->host = g_strdup ((flags & GREDIS_TEST_SERVER_TCP) || !(flags & GREDIS_TEST_SERVER_TCP6)
                           ? "127.0.0.1" : "::1");
  track (server, TRUE);

  if (flags & GREDIS_TEST_SERVER_TLS)
    {
#ifdef GREDIS_TEST_HAVE_OPENSSL
      server->certs = gredis_test_certs_new (server->directory, error);
#else
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The test support library was built without OpenSSL, "
                           "so it cannot make TLS certificates.");
#endif
      if (server->certs == NULL)
        {
          gredis_test_server_stop (server);
          return NULL;
        }
    }

  for (guint attempt = 0; retry && attempt < START_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (try_start (server, extra_args, &retry, &local_error))
        return server;
      if (!retry || attempt + 1 == START_ATTEMPTS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }
    }
  gredis_test_server_stop (server);
  return NULL;
}

/*
 * gredis_test_server_start:
 * @flags: where to listen, and the TLS variant
 * @extra_args: (nullable): more redis-server arguments, for example
 *   `--requirepass secret` or `--user alice on >pw ~* +@all`
 *
 * Starts a redis-server in a temporary directory and waits (at most 10 s)
 * until it answers PING. Free ports are picked by binding port 0; when
 * redis-server still finds its port taken, another one is tried.
 */
GredisTestServer *
gredis_test_server_start (GredisTestServerFlags   flags,
                          const char * const     *extra_args,
                          GError                **error)
{
  return start_server (flags, NULL, extra_args, error);
}

/*
 * gredis_test_server_start_sentinel:
 * @config: the text of its sentinel.conf (the `sentinel …` lines)
 *
 * Starts `redis-server sentinel.conf --sentinel` on a free port of
 * 127.0.0.1, like gredis_test_server_start() otherwise (temporary
 * directory, stopped by pid, killed with the test program).
 */
GredisTestServer *
gredis_test_server_start_sentinel (const char  *config,
                                   GError     **error)
{
  g_return_val_if_fail (config != NULL, NULL);
  return start_server (GREDIS_TEST_SERVER_TCP, config, NULL, error);
}

static void
remove_directory (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/*
 * gredis_test_server_stop:
 *
 * Stops the server (SIGTERM, then SIGKILL after 3 s), waits for it,
 * removes its directory and frees @server.
 */
void
gredis_test_server_stop (GredisTestServer *server)
{
  if (server == NULL)
    return;

  track (server, FALSE);
  if (server->process != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + STOP_TIMEOUT_US;

      if (server->paused)
        kill (server->pid, SIGCONT);
      g_subprocess_send_signal (server->process, SIGTERM);
      while (!process_exited (server) && g_get_monotonic_time () < deadline)
        g_usleep (5 * 1000);
      if (!process_exited (server))
        g_subprocess_force_exit (server->process);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }
#ifdef GREDIS_TEST_HAVE_OPENSSL
  gredis_test_certs_free (server->certs);
#endif
  if (server->directory != NULL)
    remove_directory (server->directory);
  g_free (server->directory);
  g_free (server->socket_path);
  g_free (server->log_path);
  g_free (server->host);
  g_free (server->sentinel_config);
  g_strfreev (server->extra_args);
  g_free (server);
}

GredisTestServerFlags
gredis_test_server_get_flags (GredisTestServer *server)
{
  return server->flags;
}

/* "127.0.0.1", or "::1" for a TCP6-only server. */
const char *
gredis_test_server_get_host (GredisTestServer *server)
{
  return server->host;
}

/* The plain TCP port, 0 without TCP/TCP6. */
guint16
gredis_test_server_get_port (GredisTestServer *server)
{
  return server->port;
}

/* The TLS port, 0 without TLS. */
guint16
gredis_test_server_get_tls_port (GredisTestServer *server)
{
  return server->tls_port;
}

const char *
gredis_test_server_get_socket_path (GredisTestServer *server)
{
  return server->socket_path;
}

const char *
gredis_test_server_get_directory (GredisTestServer *server)
{
  return server->directory;
}

/* NULL without TLS. */
GredisTestCerts *
gredis_test_server_get_certs (GredisTestServer *server)
{
  return server->certs;
}

const char *
gredis_test_server_get_tls_file (GredisTestServer  *server,
                                 GredisTestTlsFile  which)
{
  g_return_val_if_fail (server->certs != NULL, NULL);
#ifdef GREDIS_TEST_HAVE_OPENSSL
  return gredis_test_certs_get_file (server->certs, which);
#else
  return NULL;
#endif
}

static char *
make_uri (const char *scheme,
          const char *host,
          guint16     port)
{
  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("%s://[%s]:%u", scheme, host, port);
  return g_strdup_printf ("%s://%s:%u", scheme, host, port);
}

/* redis://host:port (NULL without a TCP port). */
char *
gredis_test_server_get_uri (GredisTestServer *server)
{
  return server->port != 0 ? make_uri ("redis", server->host, server->port) : NULL;
}

/* rediss://localhost:tls-port (NULL without TLS); "localhost" so that
 * the name matches the server certificate. */
char *
gredis_test_server_get_tls_uri (GredisTestServer *server)
{
  return server->tls_port != 0 ? make_uri ("rediss", "localhost", server->tls_port) : NULL;
}

/* unix:///path/to/redis.sock */
char *
gredis_test_server_get_unix_uri (GredisTestServer *server)
{
  return g_strconcat ("unix://", server->socket_path, NULL);
}

GPid
gredis_test_server_get_pid (GredisTestServer *server)
{
  return server->pid;
}

/* SIGSTOP: the server keeps its sockets but answers nothing. */
void
gredis_test_server_pause (GredisTestServer *server)
{
  g_return_if_fail (server->process != NULL);
  kill (server->pid, SIGSTOP);
  server->paused = TRUE;
}

/* SIGCONT */
void
gredis_test_server_resume (GredisTestServer *server)
{
  g_return_if_fail (server->process != NULL);
  kill (server->pid, SIGCONT);
  server->paused = FALSE;
}

/* SIGKILL, as in a crash; gredis_test_server_stop() still cleans up. */
void
gredis_test_server_kill (GredisTestServer *server)
{
  g_return_if_fail (server->process != NULL);
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

/* Starts a server that was killed (gredis_test_server_kill()) again, on
 * the same ports, in the same directory, with the same arguments. */
gboolean
gredis_test_server_restart (GredisTestServer  *server,
                            GError           **error)
{
  gboolean retry = FALSE;
  gboolean started;

  g_return_val_if_fail (server->process == NULL, FALSE);

  server->reuse_ports = TRUE;
  server->paused = FALSE;
  started = try_start (server, (const char * const *) server->extra_args, &retry, error);
  server->reuse_ports = FALSE;
  return started;
}

void
gredis_test_server_fixture_setup (GredisTestServerFixture *fixture,
                                  gconstpointer            flags)
{
  g_autoptr(GError) error = NULL;

  fixture->server = gredis_test_server_start (GPOINTER_TO_UINT (flags), NULL, &error);
  g_assert_no_error (error);
}

void
gredis_test_server_fixture_teardown (GredisTestServerFixture *fixture,
                                     gconstpointer            flags)
{
  g_clear_pointer (&fixture->server, gredis_test_server_stop);
}

struct _GredisTestBlackhole
{
  GSocket *listener;
  GPtrArray *fillers;
  guint16 port;
};

/*
 * gredis_test_blackhole_new:
 *
 * Listens on 127.0.0.1 with a backlog of 0 and never accepts; filler
 * connections fill the accept queue, so the kernel drops further SYNs
 * and connects to the port hang (until the client gives up).
 */
GredisTestBlackhole *
gredis_test_blackhole_new (GError **error)
{
  g_autoptr(GredisTestBlackhole) blackhole = g_new0 (GredisTestBlackhole, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  blackhole->fillers = g_ptr_array_new_with_free_func (g_object_unref);
  blackhole->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, error);
  if (blackhole->listener == NULL)
    return NULL;
  g_socket_set_listen_backlog (blackhole->listener, 0);
  if (!g_socket_bind (blackhole->listener, any, FALSE, error) ||
      !g_socket_listen (blackhole->listener, error))
    return NULL;
  bound = g_socket_get_local_address (blackhole->listener, error);
  if (bound == NULL)
    return NULL;
  blackhole->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GSocket) filler = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, error);
      g_autoptr(GError) local_error = NULL;

      if (filler == NULL)
        return NULL;
      g_socket_set_blocking (filler, FALSE);
      if (!g_socket_connect (filler, bound, NULL, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PENDING))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_ptr_array_add (blackhole->fillers, g_steal_pointer (&filler));
    }
  /* Let the first filler's handshake complete into the queue. */
  g_usleep (50 * 1000);
  return g_steal_pointer (&blackhole);
}

guint16
gredis_test_blackhole_get_port (GredisTestBlackhole *blackhole)
{
  return blackhole->port;
}

void
gredis_test_blackhole_free (GredisTestBlackhole *blackhole)
{
  if (blackhole == NULL)
    return;
  if (blackhole->fillers != NULL)
    g_ptr_array_unref (blackhole->fillers);
  if (blackhole->listener != NULL)
    {
      g_socket_close (blackhole->listener, NULL);
      g_object_unref (blackhole->listener);
    }
  g_free (blackhole);
}
