using System.Text.Json;

namespace Goxel.Protocol;

/// <summary>
/// The original daemon's "MCP" translation (spec 5.10): a message {"tool": NAME, "arguments":
/// {...}} names the method the tool maps to, with the arguments as named params; the reply is
/// {"success": true, "content": RESULT} or {"success": false, "error_code": CODE,
/// "error_message": TEXT}, one line like every response. The method itself runs on the same
/// dispatch path as JSON-RPC (<see cref="RpcProcessor"/>); this class only translates. Unlike
/// the original, arrays in the result are kept, and an unknown tool gets an error reply.
/// </summary>
/// <remarks>Each tool maps to a function that picks the method from the call's arguments.</remarks>
public sealed class McpTranslator(IReadOnlyDictionary<string, Func<JsonElement, string>> tools)
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

    /// <summary>
    /// The method a tool call runs and its params; on false, <paramref name="failure"/> is the
    /// reply's error (code in this protocol's numbering).
    /// </summary>
    public bool TryTranslate(JsonElement message, out string method, out JsonElement arguments, out RpcError failure)
    {
        method = "";
        arguments = default;
        failure = default;
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("tool", out var tool) || tool.ValueKind != JsonValueKind.String)
        {
            failure = new RpcError(UnknownTool, "Expected {\"tool\": NAME, \"arguments\": {...}}");
            return false;
        }
        var name = tool.GetString()!;
        arguments = message.TryGetProperty("arguments", out var a) ? a : default;
        if (arguments.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            failure = new RpcError(InvalidArguments, "\"arguments\" must be an object");
            return false;
        }
        if (!tools.TryGetValue(name, out var pick))
        {
            failure = new RpcError(UnknownTool, $"Unknown tool: {name}");
            return false;
        }
        method = pick(arguments);
        return true;
    }

    /// <summary>A JSON-RPC error in this protocol's numbering.</summary>
    public static RpcError Translate(RpcError error) => error.Code switch
    {
        RpcErrorCode.MethodNotFound => new RpcError(UnknownTool, error.Message),
        RpcErrorCode.InvalidParams => new RpcError(InvalidArguments, error.Message),
        _ => new RpcError(OperationFailed, error.Message),
    };

    /// <summary>What comes before the result in a success reply.</summary>
    public static ReadOnlySpan<byte> SuccessPrefix => "{\"success\":true,\"content\":"u8;

    /// <summary>Writes a failure reply line.</summary>
    public static void WriteFailure(Utf8JsonWriter writer, ResponseBuffer output, RpcError failure)
    {
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteBoolean("success"u8, false);
        writer.WriteNumber("error_code"u8, failure.Code);
        writer.WriteString("error_message"u8, failure.Message);
        writer.WriteEndObject();
        writer.Flush();
        output.Append((byte)'\n');
    }
}
