using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// The original daemon's "MCP" translation (spec 5.10): a message {"tool": NAME, "arguments":
/// {...}} runs the method the tool maps to with the arguments as named params, and is answered
/// {"success": true, "content": RESULT} or {"success": false, "error_code": CODE,
/// "error_message": TEXT}, one line like every response. Unlike the original, arrays in the
/// result are kept, and an unknown tool gets an error reply instead of silence.
/// </summary>
/// <remarks>Each tool maps to a function that picks the method from the call's arguments.</remarks>
public sealed class McpTranslator(IRpcMethodTable methods, IReadOnlyDictionary<string, Func<JsonElement, string>> tools)
{
    /// <summary>The tool name is not in the table, or the message is not a tool call.</summary>
    public const int UnknownTool = -1001;

    /// <summary>The method rejected the arguments (JSON-RPC -32602).</summary>
    public const int InvalidArguments = -1002;

    /// <summary>The method failed (any other error).</summary>
    public const int OperationFailed = -1003;

    /// <summary>True when <paramref name="message"/> looks like a tool call rather than JSON-RPC.</summary>
    public static bool IsToolCall(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("tool", out _) && !message.TryGetProperty("jsonrpc", out _);

    /// <summary>Runs one tool call and writes its reply line.</summary>
    public void Handle(JsonElement message, Utf8JsonWriter writer, ResponseBuffer output)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("tool", out var tool) || tool.ValueKind != JsonValueKind.String)
        {
            WriteFailure(writer, output, UnknownTool, "Expected {\"tool\": NAME, \"arguments\": {...}}");
            return;
        }
        var name = tool.GetString()!;
        var arguments = message.TryGetProperty("arguments", out var a) ? a : default;
        if (arguments.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            WriteFailure(writer, output, InvalidArguments, "\"arguments\" must be an object");
            return;
        }
        if (!tools.TryGetValue(name, out var pick) || !methods.TryGet(pick(arguments), out var method))
        {
            WriteFailure(writer, output, UnknownTool, $"Unknown tool: {name}");
            return;
        }
        var start = output.Length;
        try
        {
            writer.Reset(output);
            writer.WriteStartObject();
            writer.WriteBoolean("success"u8, true);
            writer.WritePropertyName("content"u8);
            method(new RpcParams(arguments), writer);
            writer.WriteEndObject();
            writer.Flush();
            output.Append((byte)'\n');
        }
        catch (RpcException ex)
        {
            writer.Reset(Stream.Null);
            output.Truncate(start);
            WriteFailure(writer, output, ex.Code == RpcErrorCode.InvalidParams ? InvalidArguments : OperationFailed, ex.Message);
        }
    }

    /// <summary>The reply to a message that is not valid JSON, in this protocol's shape.</summary>
    public static void WriteParseError(Utf8JsonWriter writer, ResponseBuffer output) =>
        WriteFailure(writer, output, UnknownTool, "Parse error");

    private static void WriteFailure(Utf8JsonWriter writer, ResponseBuffer output, int code, string message)
    {
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteBoolean("success"u8, false);
        writer.WriteNumber("error_code"u8, code);
        writer.WriteString("error_message"u8, message);
        writer.WriteEndObject();
        writer.Flush();
        output.Append((byte)'\n');
    }
}
