using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>
/// The crash harness (issue 9): with storage.fsync always, several clients stream single voxels,
/// batches, shapes, layer creation and undo, each recording what was acknowledged; the daemon
/// is killed with SIGKILL at random moments. After every restart each project holds exactly its
/// acknowledged edits, plus all or nothing of the one request that was in flight.
/// </summary>
public sealed class DurabilityCrashTests
{
    private const int Trials = 30;
    private const int Clients = 4;

    /// <summary>What one client knows of its project: layer 1's voxels, the layer names, and undo diffs.</summary>
    private sealed class Model
    {
        public Dictionary<(int X, int Y, int Z), uint> Voxels { get; set; } = [];
        public List<string> Layers { get; set; } = ["Layer 1"];
        public Stack<Action<Model>> Undo { get; } = new();

        public Model Copy()
        {
            var copy = new Model { Voxels = new(Voxels), Layers = [.. Layers] };
            foreach (var inverse in Undo.Reverse()) copy.Undo.Push(inverse);
            return copy;
        }

        public void Write(IEnumerable<(int X, int Y, int Z)> cells, uint color)
        {
            var old = new Dictionary<(int, int, int), uint?>();
            foreach (var cell in cells)
            {
                if (!old.ContainsKey(cell)) old[cell] = Voxels.TryGetValue(cell, out var was) ? was : null;
                Voxels[cell] = color;
            }
            Undo.Push(m =>
            {
                foreach (var (cell, was) in old)
                    if (was is { } c) m.Voxels[cell] = c;
                    else m.Voxels.Remove(cell);
            });
        }

        public void AddLayer(string name)
        {
            Layers.Add(name);
            Undo.Push(m => m.Layers.RemoveAt(m.Layers.Count - 1));
        }

        public string Describe() =>
            string.Join(",", Layers) + "|" + string.Join(";", Voxels.OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value:x8}"));
    }

    /// <summary>One client: its project, its model and the request it has in flight (with the model as it would be after).</summary>
    private sealed class Writer(int index, string projectId)
    {
        private int _ops;

        public string ProjectId { get; } = projectId;
        public Model Acknowledged { get; set; } = new();
        public Model? InFlight { get; private set; }

        public void Run(string socket, Random random, CancellationToken stop)
        {
            try
            {
                using var client = RawClient.Unix(socket);
                while (!stop.IsCancellationRequested)
                {
                    var next = Acknowledged.Copy();
                    var request = Next(next, random);
                    InFlight = next;
                    var response = client.Call(request.Method, request.Params);
                    if (response.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{request.Method}: {error}");
                    var result = response.GetProperty("result");
                    if (request.Method == "goxel.undo" && !result.GetProperty("success").GetBoolean())
                        throw new InvalidOperationException("the daemon had nothing to undo where the client had");
                    Acknowledged = next;
                    InFlight = null;
                }
            }
            catch (Exception ex) when (ex is SocketException or EndOfStreamException or IOException or JsonException)
            {
                // The daemon was killed: the request in flight may or may not have been applied.
            }
        }

        private (string Method, string Params) Next(Model model, Random random)
        {
            var color = 0xFF000000u | ((uint)index << 20) | (uint)(++_ops & 0xFFFFF);
            var (r, g, b) = ((byte)color, (byte)(color >> 8), (byte)(color >> 16));
            var roll = random.Next(100);
            if (roll < 10 && model.Undo.Count > 0)
            {
                model.Undo.Pop()(model);
                return ("goxel.undo", $"{{\"project_id\":\"{ProjectId}\"}}");
            }
            if (roll < 15)
            {
                var name = $"L{_ops}";
                model.AddLayer(name);
                return ("goxel.create_layer", $"{{\"project_id\":\"{ProjectId}\",\"name\":\"{name}\",\"r\":1,\"g\":1,\"b\":1}}");
            }
            if (roll < 25)
            {
                int cx = random.Next(-30, 30), cy = random.Next(-30, 30), cz = random.Next(-30, 30), size = random.Next(1, 7);
                var min = (X: cx - size / 2, Y: cy - size / 2, Z: cz - size / 2);
                model.Write(from x in Enumerable.Range(min.X, size) from y in Enumerable.Range(min.Y, size) from z in Enumerable.Range(min.Z, size) select (x, y, z), color);
                return ("goxel.procedural_shape", $"{{\"project_id\":\"{ProjectId}\",\"shape_type\":\"cube\",\"size_x\":{size},\"size_y\":{size},\"size_z\":{size}," +
                    $"\"center_x\":{cx},\"center_y\":{cy},\"center_z\":{cz},\"r\":{r},\"g\":{g},\"b\":{b},\"a\":255,\"layer_id\":1}}");
            }
            if (roll < 50)
            {
                var cells = Enumerable.Range(0, random.Next(20, 400)).Select(_ => (random.Next(-64, 64), random.Next(-64, 64), random.Next(-64, 64))).ToList();
                model.Write(cells, color);
                var voxels = string.Join(",", cells.Select(c => $"[{c.Item1},{c.Item2},{c.Item3},{r},{g},{b},255]"));
                return ("goxel.add_voxel_batch", $"{{\"project_id\":\"{ProjectId}\",\"layer_id\":1,\"voxels\":[{voxels}]}}");
            }
            var (px, py, pz) = (random.Next(-64, 64), random.Next(-64, 64), random.Next(-64, 64));
            model.Write([(px, py, pz)], color);
            return ("goxel.add_voxel", $"{{\"project_id\":\"{ProjectId}\",\"x\":{px},\"y\":{py},\"z\":{pz},\"color\":[{r},{g},{b},255],\"layer_id\":1}}");
        }
    }

    private static Model Observe(RawClient client, string projectId)
    {
        var model = new Model { Layers = [] };
        foreach (var layer in client.Result("goxel.list_layers", $"{{\"project_id\":\"{projectId}\"}}").GetProperty("layers").EnumerateArray())
            model.Layers.Add(layer.GetProperty("name").GetString()!);
        var voxels = client.Result("goxel.get_layer_voxels", $"{{\"project_id\":\"{projectId}\",\"layer_id\":1,\"limit\":0}}").GetProperty("voxels");
        foreach (var v in voxels.EnumerateArray())
        {
            var c = v.GetProperty("color");
            var packed = (uint)c[0].GetInt32() | ((uint)c[1].GetInt32() << 8) | ((uint)c[2].GetInt32() << 16) | ((uint)c[3].GetInt32() << 24);
            model.Voxels[(v.GetProperty("x").GetInt32(), v.GetProperty("y").GetInt32(), v.GetProperty("z").GetInt32())] = packed;
        }
        return model;
    }

    private static string Difference(Model expected, Model seen)
    {
        var missing = expected.Voxels.Where(v => !seen.Voxels.TryGetValue(v.Key, out var c) || c != v.Value).Take(5).Select(v => $"{v.Key}={v.Value:x8}/{(seen.Voxels.TryGetValue(v.Key, out var c) ? c.ToString("x8") : "none")}");
        var extra = seen.Voxels.Keys.Where(k => !expected.Voxels.ContainsKey(k)).Take(5);
        return $"layers {string.Join(",", expected.Layers)} vs {string.Join(",", seen.Layers)}; {expected.Voxels.Count} vs {seen.Voxels.Count} voxels; differing {string.Join(" ", missing)}; extra {string.Join(" ", extra)}";
    }

    [Fact]
    public void AcknowledgedEditsSurviveThirtySigkillsAndUnacknowledgedBatchesAreAllOrNothing() => Run("always", Trials);

    /// <summary>With everysec a SIGKILL loses nothing either: the records are in the kernel, which survives the process.</summary>
    [Fact]
    public void EverysecLosesNothingToSigkill() => Run("everysec", 5);

    private static void Run(string policy, int trials)
    {
        using var scope = new DurabilityScope();
        var config = scope.Config($"{{\"storage\":{{\"fsync\":\"{policy}\"}}}}");
        var random = new Random(9);
        var daemon = scope.Start("--config", config);
        var writers = new Writer[Clients];
        using (var setup = daemon.Connect())
            for (var i = 0; i < Clients; i++)
                writers[i] = new Writer(i, setup.Result("goxel.create_project", $"{{\"name\":\"client {i}\"}}").GetProperty("project_id").GetString()!);
        for (var trial = 0; trial < trials; trial++)
        {
            using var stop = new CancellationTokenSource();
            var threads = writers.Select((w, i) =>
            {
                var seed = random.Next();
                var thread = new Thread(() => w.Run(scope.SocketPath, new Random(seed), stop.Token));
                thread.Start();
                return thread;
            }).ToList();
            Thread.Sleep(random.Next(50, 400));
            DurabilityScope.Kill(daemon);
            stop.Cancel();
            foreach (var thread in threads) Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "a client hung");

            daemon = scope.Start("--config", config);
            using var check = daemon.Connect();
            foreach (var writer in writers)
            {
                var seen = Observe(check, writer.ProjectId);
                var before = writer.Acknowledged.Describe();
                var now = seen.Describe();
                if (now == before) writer.Acknowledged = new Model { Voxels = seen.Voxels, Layers = seen.Layers };
                else
                {
                    Assert.True(writer.InFlight is not null && now == writer.InFlight.Describe(),
                        $"trial {trial}, {writer.ProjectId}: the recovered project is neither the acknowledged state nor that plus the request in flight: {Difference(writer.Acknowledged, seen)}");
                    writer.Acknowledged = new Model { Voxels = seen.Voxels, Layers = seen.Layers };
                }
            }
        }
        // The harness must have exercised something.
        Assert.True(writers.All(w => w.Acknowledged.Voxels.Count > 0), "some client never got an edit acknowledged");
    }
}
