/* gredis-encoder.c: encoding commands as RESP multibulk
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"

#include <string.h>

/* Hot path: one pass to size the output, one to write it, no
 * intermediate strings and no printf. */

static inline guint
count_digits (guint64 v)
{
  guint n = 1;

  /* Most headers: argument counts and short arguments. */
  if (G_LIKELY (v < 10))
    return 1;
  if (G_LIKELY (v < 100))
    return 2;

  while (v >= 10000)
    {
      v /= 10000;
      n += 4;
    }
  if (v >= 1000)
    return n + 3;
  if (v >= 100)
    return n + 2;
  if (v >= 10)
    return n + 1;
  return n;
}

static inline guint8 *
write_header (guint8  *p,
              char     type,
              guint64  v)
{
  guint n;
  guint8 *end;

  if (G_LIKELY (v < 10))
    {
      p[0] = type;
      p[1] = '0' + v;
      p[2] = '\r';
      p[3] = '\n';
      return p + 4;
    }
  if (G_LIKELY (v < 100))
    {
      p[0] = type;
      p[1] = '0' + v / 10;
      p[2] = '0' + v % 10;
      p[3] = '\r';
      p[4] = '\n';
      return p + 5;
    }
  n = count_digits (v);
  *p++ = type;
  /* Most counts and arguments are short. */
  if (v < 10)
    {
      p[0] = '0' + v;
      p[1] = '\r';
      p[2] = '\n';
      return p + 3;
    }
  if (v < 100)
    {
      p[0] = '0' + v / 10;
      p[1] = '0' + v % 10;
      p[2] = '\r';
      p[3] = '\n';
      return p + 4;
    }
  n = count_digits (v);
  end = p + n;
  do
    {
      *--end = '0' + (v % 10);
      v /= 10;
    }
  while (v > 0);
  p += n;
  *p++ = '\r';
  *p++ = '\n';
  return p;
}

static inline gsize
header_length (guint64 v)
{
  return 1 + count_digits (v) + 2;
}

static inline gsize
arg_length (const char * const *argv,
            const gsize        *argv_lengths,
            guint               i)
{
  return argv_lengths != NULL ? argv_lengths[i] : strlen (argv[i]);
}

/**
 * gredis_encoded_length:
 * @argc: the number of arguments
 * @argv: (array length=argc): the arguments
 * @argv_lengths: (array length=argc) (nullable): their lengths, or %NULL if
 *   every argument is NUL-terminated
 *
 * Computes the size of the RESP encoding of a command, to size a buffer
 * for gredis_encode_command().
 *
 * Returns: the number of bytes gredis_encode_command() writes for this
 *   command
 */
static inline gsize
encoded_length (guint               argc,
                const char * const *argv,
                const gsize        *argv_lengths)
{
  gsize total = header_length (argc);

  for (guint i = 0; i < argc; i++)
    {
      gsize len = arg_length (argv, argv_lengths, i);
      total += header_length (len) + len + 2;
    }
  return total;
}

gsize
gredis_encoded_length (guint               argc,
                       const char * const *argv,
                       const gsize        *argv_lengths)
{
  g_return_val_if_fail (argc > 0, 0);
  g_return_val_if_fail (argv != NULL, 0);

  return encoded_length (argc, argv, argv_lengths);
}

/**
 * gredis_encode_command_into: (skip)
 * @out: where to write; at least gredis_encoded_length() bytes
 * @argc: the number of arguments
 * @argv: (array length=argc): the arguments
 * @argv_lengths: (array length=argc) (nullable): their lengths, or %NULL if
 *   every argument is NUL-terminated
 *
 * Writes a command as a RESP array of bulk strings into memory the caller
 * sized with gredis_encoded_length().
 *
 * Returns: the number of bytes written
 */
/* Copies @len bytes. Most arguments are keys and short values: up to
 * 16 bytes they move as two overlapping fixed-size blocks, which the
 * compiler turns into plain loads and stores instead of a call. */
static inline void
copy_arg (guint8       *p,
          const guint8 *s,
          gsize         len)
{
  if (len >= 8 && len <= 16)
    {
      memcpy (p, s, 8);
      memcpy (p + len - 8, s + len - 8, 8);
    }
  else if (len >= 4 && len < 8)
    {
      memcpy (p, s, 4);
      memcpy (p + len - 4, s + len - 4, 4);
    }
  else if (len < 4)
    {
      for (gsize i = 0; i < len; i++)
        p[i] = s[i];
    }
  else
    memcpy (p, s, len);
}

static inline gsize
encode_into (guint8             *out,
             guint               argc,
             const char * const *argv,
             const gsize        *argv_lengths)
{
  guint8 *p = write_header (out, '*', argc);

  for (guint i = 0; i < argc; i++)
    {
      gsize len = arg_length (argv, argv_lengths, i);

      p = write_header (p, '$', len);
      copy_arg (p, (const guint8 *) argv[i], len);
      p += len;
      *p++ = '\r';
      *p++ = '\n';
    }
  return p - out;
}

gsize
gredis_encode_command_into (guint8             *out,
                            guint               argc,
                            const char * const *argv,
                            const gsize        *argv_lengths)
{
  g_return_val_if_fail (out != NULL, 0);
  g_return_val_if_fail (argc > 0 && argv != NULL, 0);

  return encode_into (out, argc, argv, argv_lengths);
}

/**
 * gredis_encode_command:
 * @buffer: the buffer to append to
 * @argc: the number of arguments, at least 1
 * @argv: (array length=argc): the arguments, binary safe when
 *   @argv_lengths is given
 * @argv_lengths: (array length=argc) (nullable): their lengths, or %NULL if
 *   every argument is NUL-terminated
 *
 * Appends a command to @buffer as a RESP array of bulk strings. The
 * buffer grows once, by exactly the encoded size, and the arguments are
 * copied straight into it. A #GByteArray holds at most %G_MAXUINT bytes:
 * a command that would not fit is refused and nothing is appended.
 *
 * Returns: the number of bytes appended
 */
gsize
gredis_encode_command (GByteArray         *buffer,
                       guint               argc,
                       const char * const *argv,
                       const gsize        *argv_lengths)
{
  gsize start, total;

  g_return_val_if_fail (buffer != NULL, 0);
  g_return_val_if_fail (argc > 0 && argv != NULL, 0);

  total = encoded_length (argc, argv, argv_lengths);
  start = buffer->len;
  /* GByteArray lengths are guint: refuse to wrap around. */
  g_return_val_if_fail (total <= G_MAXUINT - start, 0);
  g_byte_array_set_size (buffer, (guint) (start + total));
  return encode_into (buffer->data + start, argc, argv, argv_lengths);
}

/**
 * gredis_encode_command_strv:
 * @buffer: the buffer to append to
 * @argv: (array zero-terminated=1): the arguments, NUL-terminated strings
 *
 * Appends a command given as a %NULL-terminated array of strings.
 *
 * Returns: the number of bytes appended
 */
gsize
gredis_encode_command_strv (GByteArray         *buffer,
                            const char * const *argv)
{
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, 0);

  return gredis_encode_command (buffer, g_strv_length ((char **) argv), argv, NULL);
}

/**
 * gredis_encode_command_bytes:
 * @buffer: the buffer to append to
 * @args: (array length=n_args): the arguments, binary safe
 * @n_args: the number of arguments, at least 1
 *
 * Appends a command whose arguments are #GBytes.
 *
 * Returns: the number of bytes appended
 */
gsize
gredis_encode_command_bytes (GByteArray     *buffer,
                             GBytes * const *args,
                             guint           n_args)
{
  gsize total, start;
  guint8 *p;

  g_return_val_if_fail (buffer != NULL, 0);
  g_return_val_if_fail (args != NULL && n_args > 0, 0);

  total = header_length (n_args);
  for (guint i = 0; i < n_args; i++)
    {
      gsize len;

      g_return_val_if_fail (args[i] != NULL, 0);
      len = g_bytes_get_size (args[i]);
      total += header_length (len) + len + 2;
    }

  start = buffer->len;
  /* GByteArray lengths are guint: refuse to wrap around. */
  g_return_val_if_fail (total <= G_MAXUINT - start, 0);
  g_byte_array_set_size (buffer, (guint) (start + total));
  p = write_header (buffer->data + start, '*', n_args);
  for (guint i = 0; i < n_args; i++)
    {
      gsize len;
      gconstpointer data = g_bytes_get_data (args[i], &len);

      p = write_header (p, '$', len);
      copy_arg (p, data, len);
      p += len;
      *p++ = '\r';
      *p++ = '\n';
    }
  return total;
}
