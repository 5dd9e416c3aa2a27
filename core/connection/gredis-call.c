/* gredis-call.c: the GAsyncResult of one command
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-call-private.h"

#include <string.h>

/* Commands up to this many encoded bytes are kept in the call itself. */
#define INLINE_COMMAND 48

struct _GredisCall
{
  gatomicrefcount ref_count;

  gpointer source_object;
  GCancellable *cancellable;
  GAsyncReadyCallback callback;
  gpointer user_data;
  gpointer source_tag;

  gpointer data;
  GDestroyNotify data_destroy;

  guint8 *command;             /* the encoded command, or NULL */
  gsize command_length;

  guint completed : 1;
  guint unsent : 1;
  guint keep_command : 1;
  guint attempt : 8;           /* sent this many times before */

  GError *later_error;         /* for _gredis_call_return_error_later() */

  guint8 inline_command[INLINE_COMMAND];
};

/* The GAsyncResult given to the callbacks */

#define GREDIS_TYPE_CALL_RESULT (gredis_call_result_get_type ())
G_DECLARE_FINAL_TYPE (GredisCallResult, gredis_call_result, GREDIS, CALL_RESULT, GObject)

struct _GredisCallResult
{
  GObject parent_instance;

  gpointer source_object;
  GCancellable *cancellable;
  gpointer user_data;
  gpointer source_tag;
  GredisReply *reply;
  GError *error;

  /* Somebody besides the call's toggle reference holds it. */
  gint shared;
};

static void gredis_call_result_async_result_init (GAsyncResultIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisCallResult, gredis_call_result, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_RESULT,
                                                      gredis_call_result_async_result_init))

static gpointer
gredis_call_result_get_user_data (GAsyncResult *result)
{
  return ((GredisCallResult *) result)->user_data;
}

static GObject *
gredis_call_result_get_source_object (GAsyncResult *result)
{
  GredisCallResult *self = (GredisCallResult *) result;

  return self->source_object != NULL ? g_object_ref (self->source_object) : NULL;
}

static gboolean
gredis_call_result_is_tagged (GAsyncResult *result,
                              gpointer      source_tag)
{
  return ((GredisCallResult *) result)->source_tag == source_tag;
}

static void
gredis_call_result_async_result_init (GAsyncResultIface *iface)
{
  iface->get_user_data = gredis_call_result_get_user_data;
  iface->get_source_object = gredis_call_result_get_source_object;
  iface->is_tagged = gredis_call_result_is_tagged;
}

static void
clear_result (GredisCallResult *self)
{
  g_clear_pointer (&self->reply, gredis_reply_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->source_object);
  self->user_data = NULL;
  self->source_tag = NULL;
}

static void
gredis_call_result_finalize (GObject *object)
{
  clear_result ((GredisCallResult *) object);

  G_OBJECT_CLASS (gredis_call_result_parent_class)->finalize (object);
}

static void
gredis_call_result_class_init (GredisCallResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gredis_call_result_finalize;
}

static void
gredis_call_result_init (GredisCallResult *self)
{
}

/* Reuse. A result is held by a toggle reference while it is handed to a
 * callback; after the callback, when nobody else holds it, it waits in
 * its thread's slot for the next completion. Making and finalizing a
 * GObject per command would cost more than the rest of the command. */

typedef struct
{
  GredisCallResult *result;    /* or NULL */
  gboolean busy;               /* handed to a callback now */
} Spare;

static void
on_toggle (gpointer  data,
           GObject  *object,
           gboolean  is_last_ref)
{
  g_atomic_int_set (&((GredisCallResult *) object)->shared, !is_last_ref);
}

static void
drop_result (GredisCallResult *result)
{
  g_object_remove_toggle_ref (G_OBJECT (result), on_toggle, NULL);
}

static void
spare_free (gpointer data)
{
  Spare *spare = data;

  if (spare->result != NULL)
    drop_result (spare->result);
  g_free (spare);
}

static GPrivate spare_key = G_PRIVATE_INIT (spare_free);

static GredisCallResult *
take_result (Spare *spare)
{
  GredisCallResult *result;

  if (G_LIKELY (spare->result != NULL && !spare->busy))
    {
      spare->busy = TRUE;
      return spare->result;
    }
  result = g_object_new (GREDIS_TYPE_CALL_RESULT, NULL);
  g_object_add_toggle_ref (G_OBJECT (result), on_toggle, NULL);
  g_object_unref (result);
  if (spare->result == NULL)
    {
      spare->result = result;
      spare->busy = TRUE;
    }
  return result;
}

static void
give_back_result (Spare            *spare,
                  GredisCallResult *result)
{
  gboolean shared = g_atomic_int_get (&result->shared);

  if (result == spare->result)
    {
      spare->busy = FALSE;
      if (G_LIKELY (!shared))
        {
          clear_result (result);
          return;
        }
      spare->result = NULL;
    }
  /* Kept by the callback, or made for a completion within another's
   * callback. */
  drop_result (result);
}

static inline Spare *
get_spare (void)
{
  Spare *spare = g_private_get (&spare_key);

  if (G_UNLIKELY (spare == NULL))
    {
      spare = g_new0 (Spare, 1);
      g_private_set (&spare_key, spare);
    }
  return spare;
}

/* The call */

GredisCall *
_gredis_call_new (gpointer             source_object,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GredisCall *self = g_malloc (sizeof (GredisCall));

  g_atomic_ref_count_init (&self->ref_count);
  self->source_object = source_object != NULL ? g_object_ref (source_object) : NULL;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->callback = callback;
  self->user_data = user_data;
  self->source_tag = source_tag;
  self->data = NULL;
  self->data_destroy = NULL;
  self->command = NULL;
  self->command_length = 0;
  self->completed = FALSE;
  self->unsent = FALSE;
  self->keep_command = FALSE;
  self->attempt = 0;
  self->later_error = NULL;
  return self;
}

GredisCall *
_gredis_call_ref (GredisCall *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
_gredis_call_unref (GredisCall *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->data_destroy != NULL)
    self->data_destroy (self->data);
  if (self->command != self->inline_command)
    g_free (self->command);
  if (self->later_error != NULL)
    g_error_free (self->later_error);
  if (self->cancellable != NULL)
    g_object_unref (self->cancellable);
  if (self->source_object != NULL)
    g_object_unref (self->source_object);
  g_free (self);
}

void
_gredis_call_complete (gpointer             source_object,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data,
                       gpointer             source_tag,
                       GredisReply         *reply,
                       GError              *error)
{
  Spare *spare = get_spare ();
  GredisCallResult *result = take_result (spare);

  result->source_object = source_object;
  result->cancellable = cancellable;
  result->user_data = user_data;
  result->source_tag = source_tag;
  if (error != NULL)
    {
      result->error = error;
      if (reply != NULL)
        gredis_reply_unref (reply);
    }
  else if (G_UNLIKELY (gredis_reply_is_error (reply)))
    {
      result->error = gredis_reply_to_error (reply);
      gredis_reply_unref (reply);
    }
  else
    result->reply = reply;

  if (callback != NULL)
    callback (source_object, (GAsyncResult *) result, user_data);
  give_back_result (spare, result);
}

void
_gredis_call_return (GredisCall  *self,
                     GredisReply *reply,
                     GError      *error)
{
  g_return_if_fail (!self->completed);

  self->completed = TRUE;
  /* The call is done with its references: they move to the result. */
  _gredis_call_complete (g_steal_pointer (&self->source_object),
                         g_steal_pointer (&self->cancellable),
                         self->callback, self->user_data, self->source_tag, reply, error);
}

static gboolean
return_later_dispatch (gpointer user_data)
{
  GredisCall *self = user_data;

  self->completed = FALSE;
  _gredis_call_return (self, NULL, g_steal_pointer (&self->later_error));
  return G_SOURCE_REMOVE;
}

void
_gredis_call_return_error_later (GredisCall   *self,
                                 GError       *error,
                                 GMainContext *context)
{
  GSource *source;

  g_return_if_fail (!self->completed);

  /* Completed now, so that nobody completes it twice; called back later. */
  self->completed = TRUE;
  self->later_error = error;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, return_later_dispatch, _gredis_call_ref (self),
                         (GDestroyNotify) _gredis_call_unref);
  g_source_set_static_name (source, "[gredis] command completion");
  g_source_attach (source, context != NULL ? context : g_main_context_get_thread_default ());
  g_source_unref (source);
}

gboolean
_gredis_call_return_error_if_cancelled (GredisCall *self)
{
  GError *error = NULL;

  if (self->cancellable == NULL || !g_cancellable_set_error_if_cancelled (self->cancellable,
                                                                         &error))
    return FALSE;
  _gredis_call_return (self, NULL, error);
  return TRUE;
}

GredisReply *
_gredis_call_propagate_reply (GAsyncResult  *result,
                              GError       **error)
{
  GredisCallResult *self = (GredisCallResult *) result;

  if (self->cancellable != NULL && g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return NULL;
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return NULL;
    }
  return g_steal_pointer (&self->reply);
}

gboolean
_gredis_call_is_valid (GAsyncResult *result,
                       gpointer      source_object,
                       gpointer      source_tag)
{
  GredisCallResult *self = (GredisCallResult *) result;

  /* The exact type: no walk up the hierarchy for other results. */
  return result != NULL && G_TYPE_FROM_INSTANCE (result) == GREDIS_TYPE_CALL_RESULT &&
         self->source_object == source_object && self->source_tag == source_tag;
}

GCancellable *
_gredis_call_get_cancellable (GredisCall *self)
{
  return self->cancellable;
}

gpointer
_gredis_call_get_source_object (GredisCall *self)
{
  return self->source_object;
}

gboolean
_gredis_call_get_unsent (GredisCall *self)
{
  return self->unsent;
}

void
_gredis_call_set_unsent (GredisCall *self,
                         gboolean    unsent)
{
  self->unsent = !!unsent;
}

void
_gredis_call_keep_command (GredisCall *self)
{
  self->keep_command = TRUE;
}

gboolean
_gredis_call_keeps_command (GredisCall *self)
{
  return self->keep_command;
}

void
_gredis_call_store_command (GredisCall   *self,
                            const guint8 *encoded,
                            gsize         length)
{
  if (self->command != self->inline_command)
    g_free (self->command);
  if (length <= INLINE_COMMAND)
    self->command = self->inline_command;
  else
    self->command = g_malloc (length);
  memcpy (self->command, encoded, length);
  self->command_length = length;
}

/* Reads the decimal number ending at "\r\n" at *@pos; FALSE if there is
 * none before @end. */
static gboolean
read_count (const guint8 **pos,
            const guint8  *end,
            gsize         *count)
{
  const guint8 *p = *pos;
  gsize value = 0;

  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  while (p < end && g_ascii_isdigit (*p))
    {
      if (value > (G_MAXSIZE - 9) / 10)
        return FALSE;
      value = value * 10 + (gsize) (*p - '0');
      p++;
    }
  if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
    return FALSE;
  *pos = p + 2;
  *count = value;
  return TRUE;
}

gboolean
_gredis_call_get_command (GredisCall    *self,
                          guint         *argc,
                          const char  ***argv,
                          gsize        **argv_lengths)
{
  const guint8 *end = self->command + self->command_length;
  const guint8 *p = self->command;
  gsize count;

  /* The bytes are those the encoder wrote: an array of bulk strings. The
   * byte after each string ("\r") becomes its NUL, in place. */
  if (p == NULL || p >= end || *p++ != '*' || !read_count (&p, end, &count) ||
      count == 0 || count > self->command_length / 4)
    return FALSE;

  *argc = (guint) count;
  *argv = g_new (const char *, count);
  *argv_lengths = g_new (gsize, count);
  for (gsize i = 0; i < count; i++)
    {
      gsize length;

      if (p >= end || *p++ != '$' || !read_count (&p, end, &length) ||
          (gsize) (end - p) < length || (gsize) (end - p) - length < 2)
        {
          g_clear_pointer (argv, g_free);
          g_clear_pointer (argv_lengths, g_free);
          return FALSE;
        }
      (*argv)[i] = (const char *) p;
      (*argv_lengths)[i] = length;
      self->command[(p - self->command) + length] = '\0';
      p += length + 2;
    }
  return TRUE;
}

gpointer
_gredis_call_get_data (GredisCall *self)
{
  return self->data;
}

void
_gredis_call_set_data (GredisCall     *self,
                       gpointer        data,
                       GDestroyNotify  destroy)
{
  if (self->data_destroy != NULL)
    self->data_destroy (self->data);
  self->data = data;
  self->data_destroy = destroy;
}

guint
_gredis_call_get_attempt (GredisCall *call)
{
  return call->attempt;
}

void
_gredis_call_next_attempt (GredisCall *call)
{
  if (call->attempt < 255)
    call->attempt++;
}

void
_gredis_call_set_attempt (GredisCall *call,
                          guint       sent_before)
{
  call->attempt = MIN (sent_before, 255);
}
