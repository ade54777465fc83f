// Checks that Goxel.Client works under NativeAOT: publish, then run against a daemon.
//   dotnet publish clients/typescript/bench/dotnet/aot-smoke.cs -o artifacts/aot-smoke   (warnings are errors)
//   artifacts/aot-smoke/aot-smoke /tmp/goxel-daemon.sock
#:project ../../../../src/Goxel.Client/Goxel.Client.csproj
#:property PublishAot=true

using System.Text.Json.Nodes;
using Goxel.Client;

var socketPath = args.Length > 0 ? args[0] : GoxelDaemonClientOptions.DefaultSocketPath;
await using var client = new GoxelDaemonClient(new GoxelDaemonClientOptions { SocketPath = socketPath, AutoReconnect = true });
await client.ConnectAsync();
var version = await client.GetVersionAsync();
var project = await client.CreateProjectAsync("aot", 16, 16, 16);
await client.AddVoxelAsync(new VoxelPosition(1, 2, 3), Rgba.Parse("#FF8000"));
var batch = await client.AddVoxelBatchAsync([new Voxel(4, 5, 6, new Rgba(1, 2, 3)), new Voxel(7, 8, 9, new Rgba(4, 5, 6))]);
var voxel = await client.GetVoxelAsync(new VoxelPosition(1, 2, 3));
var box = await client.GetBoundingBoxAsync();
var echo = await client.CallAsync("echo", new JsonObject { ["a"] = 1 });
var ok = voxel.Color == new Rgba(255, 128, 0) && batch.Count == 2 && box.Max == new VoxelPosition(7, 8, 9)
    && echo.GetProperty("a").GetInt32() == 1 && project.ProjectId.Length > 0;
Console.WriteLine($"daemon {version.Version}, project {project.ProjectId}, voxel {voxel.Color}, box {box.Min}..{box.Max}: {(ok ? "OK" : "FAILED")}");
return ok ? 0 : 1;
