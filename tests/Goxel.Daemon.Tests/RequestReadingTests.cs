namespace Goxel.Daemon.Tests;

/// <summary>
/// Small requests are read without a JSON document (Protocol.RequestReader) and large ones with
/// one: the same request must get the same reply, byte for byte, either way. Each message is sent
/// as written and again with 5,000 spaces after its opening brace (over the reader's 4 KiB, so it
/// goes through the document), and the replies are compared; and once more in two writes 5 ms
/// apart (the framer then takes it in, and the reader reads the framed message). Valid requests of every params
/// shape, and each way a request can be malformed, odd or need a value read from the document.
/// </summary>
public sealed class RequestReadingTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static readonly string[] Params =
    [
        "[1,2,3,255,0,0,255]", "[1,2,3]", "[1,2]", "[1.5,2.7,-3.2,10,20,30]", "[1,2,3,\"#ff8000\"]", "[1,2,3,\"#zz\"]",
        "[1,2,3,0.5,1,0,1]", "[1,2,3,300,-5,1e2,255]", "[1,2,3,\"red\",0,0]", "[1e400,2,3]", "[2147483648,0,0]", "[-0,0,0]",
        "[1,2,3,255,0,0,255,0]", "[1,2,3,255,0,0,255,99]", "[1,2,3,255,0,0,255,]", "[1,true,3]", "[1,null,3]", "[null,null,null]",
        "[[1,2,3],2,3]", "[{\"x\":1},2,3]", "[1,2,3,255,0,0,255,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
        "{\"x\":1,\"y\":2,\"z\":3}", "{\"x\":1,\"y\":2,\"z\":3,\"color\":[10,20,30]}", "{\"x\":1,\"y\":2,\"z\":3,\"color\":[10,20,30,40]}",
        "{\"x\":1,\"y\":2,\"z\":3,\"color\":\"#102030\"}", "{\"x\":1,\"y\":2,\"z\":3,\"color\":{\"r\":1,\"g\":2,\"b\":3}}",
        "{\"x\":1,\"y\":2,\"z\":3,\"r\":9,\"g\":8}", "{\"x\":1,\"x\":4,\"y\":2,\"z\":3}", "{\"\\u0078\":1,\"y\":2,\"z\":3}",
        "{\"position\":{\"x\":1,\"y\":2,\"z\":3}}", "{\"position\":[1,2,3],\"color\":[1,2,3]}", "{\"position\":[1,2]}",
        "{\"x\":\"1\",\"y\":2,\"z\":3}", "{\"x\":1,\"y\":2,\"z\":3,\"layer_id\":\"one\"}", "{\"x\":1,\"y\":2,\"z\":3,\"layer_id\":999}",
        "{\"x\":1,\"y\":2,\"z\":3,\"project_id\":\"nope\"}", "{\"x\":1,\"y\":2,\"z\":3,\"project_id\":5}",
        "{\"x\":1,\"y\":2,\"z\":3,\"project_id\":\"n\\u00e9\"}", "{\"x\":1,\"y\":2,\"z\":3,\"project_id\":\"é\"}",
        "{\"x\":1,\"y\":2,\"z\":3,\"extra\":{\"deep\":[1,[2,{\"a\":null}]]},}", "{}", "[]", "null", "5", "\"text\"", "true",
        "[-0.0e-0,1E+2,0.5e5]", "[1,-0,-12]", "[123456789012345678,1,1]", "[1234567890123456789,1,1]", "[-9223372036854775808,0,0]",
        "[1,2,3 ]", "[1 ,2,3]", "[0,0,0,0]", "[7]", "[1,2,3,255,0,0,\"x\"]", "[1,2,3,255,0,0,255.0]", "[1,2,-3e0]", "[ 1 ,\t2\r\n, 3 , ]", "{\"x\":1,\"y\":2,\"z\":3,\"note\":\"a\u007fb\"}", "{\"x\":1,\"y\":2,\"z\":3,\"note\":\"\\\"q\\\"\"}",
        "[1,2,3,{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]",
    ];

    // Not JSON (or not what the envelope's parser allows): each must get -32700 whichever way it is read.
    private static readonly string[] Malformed =
    [
        "[01]", "[1.]", "[-]", "[.5]", "[1e]", "[1e+]", "[+1]", "[0x10]", "[NaN]", "[Infinity]", "[tru]", "[nulll]", "[1,,2]", "[,1]",
        "[1,-]", "[1,00]", "[1,-01]", "[1;2]", "[-1-]",
        "[\"a\tb\"]", "[\"a\u0001b\"]", "[\"a\\qb\"]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{,}", "{\"a\":}", "{'a':1}", "[1 2]", "[\"\\u12\"]",
    ];

    private static readonly string[] Methods = ["goxel.add_voxel", "goxel.get_voxel", "goxel.remove_voxel", "echo", "goxel.list_layers"];

    private static readonly string[] Envelopes =
    [
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1],\"id\":1}",
        // The same bytes up to the params as the one before (read from where they end, see
        // RequestReader), then what the envelope must still refuse or read.
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1],\"jsonrpc\":\"2.0\",\"id\":21}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1],\"method\":\"ping\",\"id\":22}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1],\"params\":[2],\"id\":23}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"a\":[1,{}]},\"id\":24}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":\"text\",\"id\":25}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":null,\"id\":26}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1]}",
        "{\"id\":\"a\",\"params\":{\"k\":[1,2]},\"method\":\"echo\",\"jsonrpc\":\"2.0\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":null}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":-0}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1.5}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1e3}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":9223372036854775808}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":true}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":[1]}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":\"é\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":\"\\u0041\\u2028\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1,\"id\":2}",
        "{\"jsonrpc\":\"2.0\",\"jsonrpc\":\"1.0\",\"method\":\"echo\",\"id\":3}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"method\":\"ping\",\"id\":4}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1],\"params\":[2],\"id\":5}",
        "{\"jsonrpc\":\"2.1\",\"method\":\"echo\",\"id\":6}",
        "{\"jsonrpc\":2,\"method\":\"echo\",\"id\":7}",
        "{\"jsonrpc\":\"\\u0032.0\",\"method\":\"echo\",\"id\":8}",
        "{\"method\":\"echo\",\"id\":9}",
        "{\"jsonrpc\":\"2.0\",\"id\":10}",
        "{\"jsonrpc\":\"2.0\",\"method\":5,\"id\":11}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"ech\\u006f\",\"id\":12}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"no.such\",\"id\":13}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"échø\",\"id\":14}",
        "{\"jsonrpc\":\"2.0\",\"\\u006dethod\":\"echo\",\"id\":15}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"extra\":{\"a\":[1,{}]},\"id\":16,}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1]}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"no.such\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1,],\"id\":19}",
        "{\"tool\":\"goxel_get_status\",\"arguments\":{}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"goxel.get_voxels_region\",\"params\":{\"min\":[0,0,0],\"max\":[3,3,3]},\"id\":20}",
    ];

    [Fact]
    public void ASmallRequestGetsTheReplyItWouldGetThroughADocument()
    {
        using var scope = new ProjectScope(fixture.Daemon, "reading");
        var client = scope.Client;
        var messages = Envelopes.ToList();
        var id = 100;
        foreach (var method in Methods)
            foreach (var parameters in Params)
                messages.Add($"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"params\":{parameters},\"id\":{id++}}}");
        foreach (var parameters in Malformed)
            messages.Add($"{{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{parameters},\"id\":{id++}}}");
        var differences = new List<string>();
        foreach (var message in messages)
        {
            var direct = Replies(client, message);
            var framed = Replies(client, message[..(message.Length / 2)], message[(message.Length / 2)..]);
            // A parse error says where: the padded copy's is 5,000 bytes further on.
            var malformed = Malformed.Any(m => message.Contains(m, StringComparison.Ordinal));
            var parsed = malformed ? framed : Replies(client, "{" + new string(' ', 5000) + message[1..]);
            if (!direct.SequenceEqual(parsed) || !framed.SequenceEqual(parsed) || (malformed && !direct.Single().Contains("-32700", StringComparison.Ordinal)))
                differences.Add($"{message}\n  read in place: {string.Join(" | ", direct)}\n  framed first: {string.Join(" | ", framed)}\n  document:      {string.Join(" | ", parsed)}");
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void ARequestOverAConfiguredSizeUnderTheReadersIsStillRefused()
    {
        // server.max_request_bytes may be as small as 1 KiB, under what is read in place (4 KiB).
        using var daemon = ConfiguredDaemon.Start("{\"server\":{\"max_request_bytes\":1024}}");
        using var client = daemon.Connect();
        // A burst of pings first grows the connection's input buffer, so the request below arrives in one read.
        client.Send(string.Concat(Enumerable.Repeat("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":0}\n", 400)));
        for (var i = 0; i < 400; i++) client.ReadLine();
        var echo = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + new string('x', 2000) + "\"],\"id\":1}";
        var within = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + new string('y', 900) + "\"],\"id\":2}";
        client.Send(echo + "\n" + within + "\n");
        Assert.Contains("JSON message too large", client.ReadLine(), StringComparison.Ordinal);
        Assert.Equal(2, client.ReadJson().GetProperty("id").GetInt32());
    }

    // Every line the daemon answers to one message (none for a notification), up to a marker; a
    // second part is sent 5 ms after the first.
    private static List<string> Replies(RawClient client, string message, string? rest = null)
    {
        if (rest is not null)
        {
            client.Send(message);
            Thread.Sleep(5);
            message = rest;
        }
        client.Send(message + "\n{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":\"end\"}\n");
        var lines = new List<string>();
        while (client.ReadLine() is var line && !line.Contains("\"id\":\"end\"", StringComparison.Ordinal)) lines.Add(line);
        return lines;
    }
}
