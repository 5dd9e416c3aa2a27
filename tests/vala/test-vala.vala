/* test-vala.vala: the Vala API (gredis-1.vapi, generated from the GIR)
 * against a throwaway redis-server on a Unix socket: blocking and
 * asynchronous (yield) SET and GET, the three command forms whose
 * asynchronous results the GIR alone loses, a connection of its own and
 * a pipeline. Prints TAP and exits non-zero on any mismatch.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

errordomain TestError {
  MISMATCH,
  SERVER
}

delegate void TestFunc () throws Error;

class Server : Object {
  public string directory;
  public string socket_path;
  Subprocess process;

  public Server () throws Error {
    directory = DirUtils.make_tmp ("gredis-vala-XXXXXX");
    socket_path = Path.build_filename (directory, "redis.sock");
    process = new Subprocess.newv ({ "redis-server", "--port", "0",
                                     "--unixsocket", socket_path,
                                     "--save", "", "--appendonly", "no",
                                     "--dir", directory },
                                   SubprocessFlags.STDOUT_SILENCE);
    for (int i = 0; i < 1000 && !FileUtils.test (socket_path, FileTest.EXISTS); i++)
      Thread.usleep (10000);
    if (!FileUtils.test (socket_path, FileTest.EXISTS))
      throw new TestError.SERVER ("redis-server did not create %s", socket_path);
  }

  public void stop () {
    process.send_signal (15);
    try
      {
        process.wait ();
      }
    catch (Error e)
      {
      }
    FileUtils.unlink (socket_path);
    DirUtils.remove (directory);
  }
}

string socket_path;
int n_tests = 0;
int n_failed = 0;

void check_equal (string? actual, string? expected, string what) throws TestError {
  if (actual != expected)
    throw new TestError.MISMATCH ("%s: expected “%s”, got “%s”", what,
                                  expected ?? "(null)", actual ?? "(null)");
}

void check (bool condition, string what) throws TestError {
  if (!condition)
    throw new TestError.MISMATCH ("%s", what);
}

string hex (Bytes bytes) {
  var out = new StringBuilder ();
  foreach (var b in bytes.get_data ())
    out.append_printf ("%02x", b);
  return out.str;
}

Gredis.Client new_client () {
  var config = new Gredis.Config ();
  config.set_path (socket_path);
  config.set_command_timeout_ms (5000);
  return new Gredis.Client (config);
}

/* Starts a coroutine and runs a main loop until it returns; its end()
 * rethrows what the coroutine threw. */
delegate void StartFunc (AsyncReadyCallback callback);
delegate void EndFunc (AsyncResult result) throws Error;

void run_async (StartFunc start, EndFunc end) throws Error {
  var loop = new MainLoop ();
  AsyncResult? result = null;
  start ((obj, res) => {
    result = res;
    loop.quit ();
  });
  loop.run ();
  end (result);
}

void run_test (string name, TestFunc func) {
  n_tests++;
  try
    {
      func ();
      print ("ok %d - %s\n", n_tests, name);
    }
  catch (Error e)
    {
      n_failed++;
      print ("not ok %d - %s\n# %s\n", n_tests, name, e.message);
    }
}

void test_sync () throws Error {
  var client = new_client ();
  client.command ({ "FLUSHALL" }).get_text ();
  check (client.set ("sync", "value", 0, Gredis.SetFlags.NONE), "SET");
  check_equal (client.get ("sync"), "value", "GET");
  check_equal (client.get ("missing"), null, "GET of a missing key");
  check_equal (client.command ({ "GET", "sync" }).get_text (), "value", "command");
  check_equal (client.command_argv ({ "GET", "sync" }, null).get_text (), "value",
               "command_argv");
}

async void test_async () throws Error {
  var client = new_client ();
  check (yield client.set_async ("async", "yielded", 0, Gredis.SetFlags.NONE, null),
         "SET");
  check_equal (yield client.get_async ("async", null), "yielded", "GET");
  var reply = yield client.command_async ({ "GET", "async" }, null);
  check_equal (reply.get_text (), "yielded", "command_async");
  check_equal ((yield client.incrby_async ("counter", 5, null)).to_string (), "5",
               "INCRBY");
}

/* These three lost their results in a vapi made from the GIR alone: their
 * finish functions are command_finish and send_command_finish. */
async void test_async_argv_bytes () throws Error {
  var client = new_client ();
  string[] argv = { "SET", "argv", "a\r\nb" };
  size_t[] lengths = { 3, 4, 4 };
  var set = yield client.command_argv_async (argv, lengths, null);
  check_equal (set.get_text (), "OK", "SET through command_argv_async");
  var got = yield client.command_argv_async ({ "STRLEN", "argv" }, null, null);
  check_equal (got.get_integer ().to_string (), "4", "STRLEN (a CRLF inside)");

  Bytes[] args = { new Bytes ("GET".data), new Bytes ("argv".data) };
  var value = (yield client.command_bytes_async (args, null)).get_bytes ();
  uint8[] expected = { 'a', '\r', '\n', 'b' };
  check (value.compare (new Bytes (expected)) == 0,
         "GET through command_bytes_async: %s".printf (hex (value)));

  /* for_config() starts opening; commands wait for the handshake. */
  var connection = new Gredis.Connection.for_config (client.get_config (), null);
  var echoed = yield connection.send_command_bytes_async ({ new Bytes ("ECHO".data),
                                                            new Bytes ("hi".data) }, null);
  check_equal (echoed.get_text (), "hi", "ECHO through send_command_bytes_async");
  connection.close ();
}

async void test_pipeline () throws Error {
  var client = new_client ();
  var pipeline = new Gredis.Pipeline (client, false);
  var i_set = pipeline.add_set ("p", "1");
  var i_incr = pipeline.add_incrby ("p", 41);
  var i_bad = pipeline.add_command ({ "INCR", "sync" });
  check (yield pipeline.execute_async (null), "execute");
  check_equal (pipeline.get_reply (i_set).get_text (), "OK", "SET");
  check_equal (pipeline.get_reply (i_incr).get_integer ().to_string (), "42", "INCRBY");
  try
    {
      pipeline.get_reply (i_bad);
      throw new TestError.MISMATCH ("INCR of a string did not fail");
    }
  catch (Gredis.Error e)
    {
      check (e is Gredis.Error.SERVER, "a server error");
    }
}

async void test_error () throws Error {
  var client = new_client ();
  try
    {
      yield client.command_async ({ "INCR", "sync" }, null);
      throw new TestError.MISMATCH ("INCR of a string did not fail");
    }
  catch (Gredis.Error e)
    {
      check (e is Gredis.Error.SERVER, "a server error");
      check (e.message.contains ("not an integer"), e.message);
    }
}

int main (string[] args) {
  Server server;
  try
    {
      server = new Server ();
    }
  catch (Error e)
    {
      printerr ("%s\n", e.message);
      return 1;
    }
  socket_path = server.socket_path;

  print ("1..5\n");
  run_test ("blocking SET and GET", test_sync);
  run_test ("SET and GET with yield", () => run_async ((cb) => test_async.begin (cb), (res) => test_async.end (res)));
  run_test ("command_argv_async, command_bytes_async and send_command_bytes_async",
            () => run_async ((cb) => test_async_argv_bytes.begin (cb), (res) => test_async_argv_bytes.end (res)));
  run_test ("pipeline", () => run_async ((cb) => test_pipeline.begin (cb), (res) => test_pipeline.end (res)));
  run_test ("a server error is thrown", () => run_async ((cb) => test_error.begin (cb), (res) => test_error.end (res)));

  server.stop ();
  return n_failed == 0 ? 0 : 1;
}
