/* cluster-test-recorder.c: an observer for the cluster tests that counts
 * the commands and retries it sees
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "cluster-test-recorder.h"

#define CLUSTER_TEST_TYPE_RECORDER (cluster_test_recorder_get_type ())
G_DECLARE_FINAL_TYPE (ClusterTestRecorder, cluster_test_recorder, CLUSTER_TEST, RECORDER, GObject)

struct _ClusterTestRecorder
{
  GObject parent_instance;
  GMutex lock;
  GHashTable *counts;          /* char * → count */
};

static ClusterTestRecorder *last_recorder;

static void
recorder_add (ClusterTestRecorder *self,
              char                *line)
{
  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->counts, line,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, line)) + 1));
  g_mutex_unlock (&self->lock);
}

static void
recorder_command_finished (GredisObserver           *observer,
                           const GredisCommandEvent *event)
{
  recorder_add (CLUSTER_TEST_RECORDER (observer),
                g_strdup_printf ("%s %u %s", event->name, event->attempt,
                                 event->error_type != NULL ? event->error_type : "-"));
}

static void
recorder_retry_decided (GredisObserver *observer,
                        const char     *name,
                        guint           attempt,
                        gint64          delay,
                        const GError   *error)
{
  recorder_add (CLUSTER_TEST_RECORDER (observer), g_strdup_printf ("retry %s %u", name, attempt));
}

static void
recorder_iface_init (GredisObserverInterface *iface)
{
  iface->command_finished = recorder_command_finished;
  iface->retry_decided = recorder_retry_decided;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (ClusterTestRecorder, cluster_test_recorder, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_OBSERVER, recorder_iface_init))

static void
cluster_test_recorder_finalize (GObject *object)
{
  ClusterTestRecorder *self = CLUSTER_TEST_RECORDER (object);

  g_hash_table_unref (self->counts);
  g_mutex_clear (&self->lock);
  if (last_recorder == self)
    last_recorder = NULL;
  G_OBJECT_CLASS (cluster_test_recorder_parent_class)->finalize (object);
}

static void
cluster_test_recorder_class_init (ClusterTestRecorderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cluster_test_recorder_finalize;
}

static void
cluster_test_recorder_init (ClusterTestRecorder *self)
{
  g_mutex_init (&self->lock);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  last_recorder = self;
}

void
cluster_test_recorder_register (void)
{
  gredis_plugins_register_type (GREDIS_PLUGIN_OBSERVER, "cluster-test-recorder",
                                CLUSTER_TEST_TYPE_RECORDER, 0);
}

guint
cluster_test_recorder_count (const char *line)
{
  guint count;

  g_assert_nonnull (last_recorder);
  g_mutex_lock (&last_recorder->lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (last_recorder->counts, line));
  g_mutex_unlock (&last_recorder->lock);
  return count;
}
