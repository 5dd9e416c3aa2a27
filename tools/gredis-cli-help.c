/* gredis-cli-help.c: HELP, hints and completion as redis-cli shows them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"
#include "gredis-cli-help-private.h"

/* The words of an entry's name, "CONFIG GET" → { "CONFIG", "GET" }. */
static GStrv
entry_words (const CliHelpEntry *entry)
{
  return g_strsplit (entry->name, " ", -1);
}

static gboolean
word_equal (GBytes     *arg,
            const char *word)
{
  return cli_is_word (arg, word);
}

static void
print_generic_help (void)
{
  /* As redis-cli's, with this tool's name; there is no preferences file. */
  g_print ("gredis-cli %s\n"
           "To get help about Redis commands type:\n"
           "      \"help @<group>\" to get a list of commands in <group>\n"
           "      \"help <command>\" for help on <command>\n"
           "      \"help <tab>\" to get a list of possible help topics\n"
           "      \"quit\" to exit\n"
           "\n"
           "To set gredis-cli preferences:\n"
           "      \":set hints\" enable online hints\n"
           "      \":set nohints\" disable online hints\n",
           GREDIS_VERSION_S);
}

static void
print_entry (const CliHelpEntry *entry,
             gboolean            with_group)
{
  /* redis-cli's bytes: bold name, grey arguments, yellow labels, CR LF. */
  g_print ("\r\n  \033[1m%s\033[0m \033[90m%s\033[0m\r\n", entry->name, entry->params);
  g_print ("  \033[33msummary:\033[0m %s\r\n", entry->summary);
  g_print ("  \033[33msince:\033[0m %s\r\n", entry->since);
  if (with_group)
    g_print ("  \033[33mgroup:\033[0m %s\r\n", cli_help_groups[entry->group]);
}

/* HELP with @args (the words after HELP): the generic help, the commands
 * of a group (@group), or the commands whose first words are @args. */
void
cli_help_print (GBytes * const *args,
                guint           n_args)
{
  int group = -1;

  if (n_args == 0)
    {
      print_generic_help ();
      fflush (stdout);
      return;
    }

  if (g_bytes_get_size (args[0]) > 0 &&
      ((const char *) g_bytes_get_data (args[0], NULL))[0] == '@')
    {
      g_autofree char *name = g_strndup ((const char *) g_bytes_get_data (args[0], NULL) + 1,
                                         g_bytes_get_size (args[0]) - 1);

      for (int i = 0; cli_help_groups[i] != NULL; i++)
        if (g_ascii_strcasecmp (name, cli_help_groups[i]) == 0)
          {
            group = i;
            break;
          }
    }

  for (guint i = 0; i < cli_help_n_entries; i++)
    {
      const CliHelpEntry *entry = &cli_help_entries[i];

      if (group == -1)
        {
          g_auto(GStrv) words = entry_words (entry);
          guint j;

          if (n_args > g_strv_length (words))
            continue;
          for (j = 0; j < n_args; j++)
            if (!word_equal (args[j], words[j]))
              break;
          if (j == n_args)
            print_entry (entry, TRUE);
        }
      else if (entry->group == group)
        print_entry (entry, FALSE);
    }
  g_print ("\r\n");
  fflush (stdout);
}

/* The hint shown after @line: the arguments of the command with the
 * longest name matching the first words, without those already typed up
 * to the first optional one, as redis-cli does. */
char *
cli_help_hint (const char *line)
{
  g_autoptr(GPtrArray) args = NULL;
  const CliHelpEntry *match = NULL;
  guint match_len = 0;
  gsize line_len = strlen (line);
  gboolean end_space = line_len > 0 && g_ascii_isspace (line[line_len - 1]);
  gboolean ok;
  const char *hint;
  guint to_remove;

  args = cli_split_args (line, &ok);
  if (!ok || args->len == 0)
    return NULL;

  for (guint i = 0; i < cli_help_n_entries; i++)
    {
      g_auto(GStrv) words = entry_words (&cli_help_entries[i]);
      guint n_words = g_strv_length (words);
      guint j;

      if (n_words > args->len)
        continue;
      for (j = 0; j < n_words; j++)
        if (!word_equal (args->pdata[j], words[j]))
          break;
      if (j == n_words && n_words > match_len)
        {
          match_len = n_words;
          match = &cli_help_entries[i];
        }
    }
  if (match == NULL)
    return NULL;

  hint = match->params;
  to_remove = args->len - match_len;
  while (to_remove > 0 && *hint != '\0')
    {
      if (*hint == '[')
        break;
      if (*hint == ' ')
        to_remove--;
      hint++;
    }
  return g_strconcat (end_space ? "" : " ", hint, NULL);
}

/* The lines Tab offers for @line, in the table's order: command names, and
 * after "help " the groups too. */
GPtrArray *
cli_help_complete (const char *line)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func (g_free);
  gsize start = 0;
  gboolean with_groups = FALSE;
  gsize typed;

  if (g_ascii_strncasecmp (line, "help ", 5) == 0)
    {
      start = 5;
      while (g_ascii_isspace (line[start]))
        start++;
      with_groups = TRUE;
    }
  typed = strlen (line + start);

  if (with_groups)
    for (guint i = 0; cli_help_groups[i] != NULL; i++)
      {
        g_autofree char *topic = g_strconcat ("@", cli_help_groups[i], NULL);

        if (g_ascii_strncasecmp (line + start, topic, typed) == 0)
          g_ptr_array_add (candidates, g_strdup_printf ("%.*s%s", (int) start, line, topic));
      }
  for (guint i = 0; i < cli_help_n_entries; i++)
    {
      const char *name = cli_help_entries[i].name;

      if (g_ascii_strncasecmp (line + start, name, typed) == 0)
        g_ptr_array_add (candidates, g_strdup_printf ("%.*s%s", (int) start, line, name));
    }
  return candidates;
}
