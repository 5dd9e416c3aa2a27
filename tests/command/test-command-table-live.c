/* test-command-table-live.c: the compiled command table against a real
 * server's COMMAND and COMMAND GETKEYS
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test starts a throwaway redis-server on a Unix socket in a temporary
 * directory and stops it by its pid. The test speaks RESP2 itself (the
 * encoder writes the commands, a small reader below reads the replies), so
 * that it depends on nothing but the table, the encoder and the server.
 */
#include <gredis/gredis.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/types.h>
#include <sys/wait.h>

#include "command-samples.h"

/* A RESP2 reply. */
typedef struct _Resp Resp;
struct _Resp {
  char type;            /* + - : $ * */
  gint64 integer;
  char *str;            /* NUL-terminated copy of the bulk or simple string */
  gsize len;
  GPtrArray *elements;  /* of Resp, for arrays */
  gboolean nil;
};

static void
resp_free (Resp *r)
{
  if (r == NULL)
    return;
  g_free (r->str);
  if (r->elements != NULL)
    g_ptr_array_unref (r->elements);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resp, resp_free)

static Resp *
resp_read (GDataInputStream *in)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  Resp *r;
  gsize len;

  line = g_data_input_stream_read_line (in, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_cmpuint (len, >=, 1);

  r = g_new0 (Resp, 1);
  r->type = line[0];
  switch (r->type)
    {
    case '+':
    case '-':
      r->str = g_strdup (line + 1);
      r->len = strlen (r->str);
      break;

    case ':':
      r->integer = g_ascii_strtoll (line + 1, NULL, 10);
      break;

    case '$':
      {
        gint64 n = g_ascii_strtoll (line + 1, NULL, 10);
        gsize got = 0;

        if (n < 0)
          {
            r->nil = TRUE;
            break;
          }
        r->str = g_malloc (n + 2);
        g_input_stream_read_all (G_INPUT_STREAM (in), r->str, n + 2, &got, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (got, ==, n + 2);
        r->str[n] = '\0';
        r->len = n;
      }
      break;

    case '*':
      {
        gint64 n = g_ascii_strtoll (line + 1, NULL, 10);

        if (n < 0)
          {
            r->nil = TRUE;
            break;
          }
        r->elements = g_ptr_array_new_with_free_func ((GDestroyNotify) resp_free);
        for (gint64 i = 0; i < n; i++)
          g_ptr_array_add (r->elements, resp_read (in));
      }
      break;

    default:
      g_error ("unexpected reply line: %s", line);
    }
  return r;
}

static Resp *
elem (const Resp *r,
      guint       i)
{
  g_assert_nonnull (r->elements);
  g_assert_cmpuint (i, <, r->elements->len);
  return r->elements->pdata[i];
}

typedef struct {
  char *dir;
  char *socket_path;
  GPid pid;
  GSocketConnection *conn;
  GDataInputStream *in;
} Fixture;

static Resp *
command (Fixture            *fx,
         guint               argc,
         const char * const *argv,
         const gsize        *lengths)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (fx->conn));

  gredis_encode_command (buffer, argc, argv, lengths);
  g_output_stream_write_all (out, buffer->data, buffer->len, NULL, NULL, &error);
  g_assert_no_error (error);
  return resp_read (fx->in);
}

static Resp *
command_strv (Fixture            *fx,
              const char * const *argv)
{
  return command (fx, g_strv_length ((char **) argv), argv, NULL);
}

/* Runs in the child: a server must not outlive a test that aborts before
 * its teardown. */
static void
die_with_parent (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = g_find_program_in_path ("redis-server");
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  const char *argv[] = {
    NULL, "--port", "0", "--unixsocket", NULL, "--save", "", "--appendonly", "no",
    "--dir", NULL, "--daemonize", "no", "--loglevel", "warning", NULL,
  };

  memset (fx, 0, sizeof *fx);
  if (server == NULL)
    {
      g_test_skip ("redis-server is not installed");
      return;
    }

  fx->dir = g_dir_make_tmp ("gredis-command-XXXXXX", &error);
  g_assert_no_error (error);
  fx->socket_path = g_build_filename (fx->dir, "s", NULL);
  argv[0] = server;
  argv[4] = fx->socket_path;
  argv[10] = fx->dir;

  g_spawn_async (fx->dir, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                 G_SPAWN_STDERR_TO_DEV_NULL,
                 die_with_parent, NULL, &fx->pid, &error);
  g_assert_no_error (error);

  /* Wait for the socket, for at most 20 s. */
  client = g_socket_client_new ();
  address = g_unix_socket_address_new (fx->socket_path);
  for (guint attempt = 0; attempt < 400; attempt++)
    {
      g_clear_error (&error);
      fx->conn = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
      if (fx->conn != NULL)
        break;
      g_usleep (50 * 1000);
    }
  g_assert_no_error (error);
  g_assert_nonnull (fx->conn);

  fx->in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (fx->conn)));
  g_data_input_stream_set_newline_type (fx->in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->in);
  if (fx->conn != NULL)
    g_io_stream_close (G_IO_STREAM (fx->conn), NULL, NULL);
  g_clear_object (&fx->conn);

  if (fx->pid > 0)
    {
      int status;

      kill (fx->pid, SIGTERM);
      waitpid (fx->pid, &status, 0);
      g_spawn_close_pid (fx->pid);
    }

  if (fx->dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (fx->dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (fx->dir);
    }
  g_free (fx->socket_path);
  g_free (fx->dir);
}

/* The server's flag names, as GredisCommandFlags nicks. */
static GredisCommandFlags
server_flags (const Resp *flags)
{
  GFlagsClass *klass = g_type_class_ref (GREDIS_TYPE_COMMAND_FLAGS);
  GredisCommandFlags result = 0;

  for (guint i = 0; i < flags->elements->len; i++)
    {
      const char *name = elem (flags, i)->str;
      g_autofree char *nick = g_strdelimit (g_strdup (name), "_", '-');
      GFlagsValue *value;

      if (g_str_equal (nick, "movablekeys"))
        {
          g_free (nick);
          nick = g_strdup ("movable-keys");
        }
      value = g_flags_get_value_by_nick (klass, nick);
      if (value == NULL)
        g_error ("the server reports a flag the table does not know: %s", name);
      result |= value->value;
    }
  g_type_class_unref (klass);
  return result;
}

static void
assert_strv_equal_resp (const char * const *strv,
                        const Resp         *list,
                        const char         *what,
                        const char         *command_name)
{
  if (g_strv_length ((char **) strv) != list->elements->len)
    g_error ("%s: %s differ in number", command_name, what);
  for (guint i = 0; i < list->elements->len; i++)
    if (!g_str_equal (strv[i], elem (list, i)->str))
      g_error ("%s: %s differ: %s, %s", command_name, what, strv[i], elem (list, i)->str);
}

/* Compares one COMMAND entry with the table; returns the number of
 * entries compared (the command and its subcommands). */
static guint
compare_entry (const Resp              *entry,
               const GredisCommandInfo *parent)
{
  g_autofree char *name = g_ascii_strdown (elem (entry, 0)->str, -1);
  const GredisCommandInfo *info = gredis_command_table_lookup (name);
  GredisCommandFlags flags;
  int first, last, step;
  guint n = 1;

  if (info == NULL)
    g_error ("the table does not have %s", name);
  g_assert_true (gredis_command_info_get_parent (info) == parent);

  if (gredis_command_info_get_arity (info) != elem (entry, 1)->integer)
    g_error ("%s: arity %d, the server says %" G_GINT64_FORMAT,
             name, gredis_command_info_get_arity (info), elem (entry, 1)->integer);

  flags = gredis_command_info_get_flags (info) & ~GREDIS_COMMAND_FLAG_IDEMPOTENT;
  if (flags != server_flags (elem (entry, 2)))
    g_error ("%s: flags 0x%x, the server says 0x%x", name, flags, server_flags (elem (entry, 2)));

  gredis_command_info_get_key_range (info, &first, &last, &step);
  g_assert_cmpint (first, ==, elem (entry, 3)->integer);
  g_assert_cmpint (last, ==, elem (entry, 4)->integer);
  g_assert_cmpint (step, ==, elem (entry, 5)->integer);

  assert_strv_equal_resp (gredis_command_info_get_acl_categories (info), elem (entry, 6),
                          "ACL categories", name);
  assert_strv_equal_resp (gredis_command_info_get_tips (info), elem (entry, 7), "tips", name);

  {
    const Resp *subs = elem (entry, 9);
    g_autoptr(GPtrArray) table_subs = gredis_command_info_list_subcommands (info);

    if (table_subs->len != subs->elements->len)
      g_error ("%s: %u subcommands, the server has %u", name, table_subs->len, subs->elements->len);
    for (guint i = 0; i < subs->elements->len; i++)
      n += compare_entry (elem (subs, i), info);
  }
  return n;
}

static void
test_commands (Fixture       *fx,
               gconstpointer  data)
{
  const char *cmd[] = { "COMMAND", NULL };
  const char *count[] = { "COMMAND", "COUNT", NULL };
  const char *info[] = { "INFO", "SERVER", NULL };
  g_autoptr(Resp) reply = NULL;
  g_autoptr(Resp) n = NULL;
  g_autoptr(Resp) server_info = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const char *version;
  guint compared = 0, in_table = 0;

  if (fx->conn == NULL)
    return;

  server_info = command_strv (fx, info);
  g_assert_cmpint (server_info->type, ==, '$');
  version = strstr (server_info->str, "redis_version:");
  g_assert_nonnull (version);
  version += strlen ("redis_version:");
  g_test_message ("table generated from Redis %s; server: Redis %.*s",
                  gredis_command_table_get_version (), (int) strcspn (version, "\r\n"), version);
  if (!g_str_has_prefix (version, "7.0."))
    {
      g_test_skip ("the table describes Redis 7.0; this server is another version");
      return;
    }

  reply = command_strv (fx, cmd);
  g_assert_cmpint (reply->type, ==, '*');
  for (guint i = 0; i < reply->elements->len; i++)
    compared += compare_entry (elem (reply, i), NULL);

  /* And nothing more in the table than in the server. */
  n = command_strv (fx, count);
  g_assert_cmpint (n->type, ==, ':');
  all = gredis_command_table_list ();
  g_assert_cmpint (all->len, ==, n->integer);
  g_assert_cmpuint (all->len, ==, reply->elements->len);
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(GPtrArray) subs = gredis_command_info_list_subcommands (all->pdata[i]);
      in_table += 1 + subs->len;
    }
  g_assert_cmpuint (in_table, ==, compared);
  g_test_message ("%u commands and subcommands compared", compared);
}

/* Asks the server for the keys of argv and compares them with the table's
 * positions, by name. */
static guint n_getkeys, n_getkeys_with_keys;

static void
compare_getkeys (Fixture            *fx,
                 guint               argc,
                 const char * const *argv,
                 const int          *expected)
{
  g_autoptr(GPtrArray) request = g_ptr_array_new ();
  g_autoptr(Resp) reply = NULL;
  g_autofree guint *keys = NULL;
  g_autofree char *line = g_strjoinv (" ", (char **) argv);
  const GredisCommandInfo *info;
  guint n_keys = 0;

  g_ptr_array_add (request, "COMMAND");
  g_ptr_array_add (request, "GETKEYS");
  for (guint i = 0; i < argc; i++)
    g_ptr_array_add (request, (gpointer) argv[i]);
  reply = command (fx, request->len, (const char * const *) request->pdata, NULL);

  info = gredis_command_table_lookup_argv (argc, argv, NULL);
  g_assert_nonnull (info);
  keys = gredis_command_info_get_keys (info, argc, argv, NULL, &n_keys);
  n_getkeys++;
  n_getkeys_with_keys += n_keys > 0;

  if (reply->type == '-')
    {
      /* "The command has no key arguments", "Invalid arguments …". */
      if (strstr (reply->str, "Invalid number of arguments") != NULL ||
          strstr (reply->str, "Invalid command") != NULL)
        g_error ("%s: the sample does not fit the command: %s", line, reply->str);
      if (n_keys != 0)
        g_error ("%s: the table finds %u keys, the server says: %s", line, n_keys, reply->str);
    }
  else
    {
      g_assert_cmpint (reply->type, ==, '*');
      if (n_keys != reply->elements->len)
        g_error ("%s: the table finds %u keys, the server %u", line, n_keys, reply->elements->len);
      for (guint i = 0; i < n_keys; i++)
        if (!g_str_equal (argv[keys[i]], elem (reply, i)->str))
          g_error ("%s: key %u is %s in the table, %s for the server",
                   line, i, argv[keys[i]], elem (reply, i)->str);
    }

  if (expected != NULL)
    {
      guint n_expected = 0;

      while (expected[n_expected] >= 0)
        n_expected++;
      if (n_keys != n_expected)
        g_error ("%s: the table finds %u keys, the sample says %u", line, n_keys, n_expected);
      for (guint i = 0; i < n_keys; i++)
        if (keys[i] != (guint) expected[i])
          g_error ("%s: key %u is at %u in the table, at %d in the sample",
                   line, i, keys[i], expected[i]);
    }
}

static void
test_getkeys_samples (Fixture       *fx,
                      gconstpointer  data)
{
  if (fx->conn == NULL)
    return;

  for (gsize s = 0; s < G_N_ELEMENTS (command_samples); s++)
    {
      g_auto(GStrv) argv = command_sample_split (command_samples[s].line);

      compare_getkeys (fx, g_strv_length (argv), (const char * const *) argv,
                       command_samples[s].keys);
    }
}

/* Builds an argv of @n arguments for @info: its name (and subcommand
 * name), then distinct words, numbers where @numeric says. */
static char **
synthetic_argv (const GredisCommandInfo *info,
                guint                    n,
                gboolean                 numeric)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *name = gredis_command_info_get_name (info);
  const char *bar = strchr (name, '|');

  if (bar != NULL)
    {
      g_ptr_array_add (argv, g_strndup (name, bar - name));
      g_ptr_array_add (argv, g_strdup (bar + 1));
    }
  else
    g_ptr_array_add (argv, g_strdup (name));
  while (argv->len < n)
    g_ptr_array_add (argv, numeric ? g_strdup_printf ("%u", argv->len == 2 ? 1 : argv->len)
                                   : g_strdup_printf ("a%u", argv->len));
  g_ptr_array_add (argv, NULL);
  return (char **) g_ptr_array_free (argv, FALSE);
}

static void
check_synthetic (Fixture                 *fx,
                 const GredisCommandInfo *info)
{
  int arity = gredis_command_info_get_arity (info);
  guint base = ABS (arity);
  g_autoptr(GPtrArray) subs = gredis_command_info_list_subcommands (info);

  if (subs->len > 0)
    {
      for (guint i = 0; i < subs->len; i++)
        check_synthetic (fx, subs->pdata[i]);
      return;
    }

  /* The minimal command line, and for variadic commands longer ones;
   * with words, and with numbers (numkeys). */
  for (guint extra = 0; extra <= (arity < 0 ? 4u : 0u); extra++)
    for (int numeric = 0; numeric <= 1; numeric++)
      {
        g_auto(GStrv) argv = synthetic_argv (info, base + extra, numeric);

        compare_getkeys (fx, g_strv_length (argv), (const char * const *) argv, NULL);
      }
}

static void
test_getkeys_every_command (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;

  if (fx->conn == NULL)
    return;

  n_getkeys = n_getkeys_with_keys = 0;
  all = gredis_command_table_list ();
  for (guint i = 0; i < all->len; i++)
    check_synthetic (fx, all->pdata[i]);
  g_test_message ("%u command lines compared, %u of them with keys",
                  n_getkeys, n_getkeys_with_keys);
  g_assert_cmpuint (n_getkeys_with_keys, >, 200);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/command-table-live/commands", Fixture, NULL,
              fixture_setup, test_commands, fixture_teardown);
  g_test_add ("/command-table-live/getkeys/samples", Fixture, NULL,
              fixture_setup, test_getkeys_samples, fixture_teardown);
  g_test_add ("/command-table-live/getkeys/every-command", Fixture, NULL,
              fixture_setup, test_getkeys_every_command, fixture_teardown);

  return g_test_run ();
}
