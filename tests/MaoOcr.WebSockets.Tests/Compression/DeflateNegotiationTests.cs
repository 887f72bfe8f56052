using System.Text;

namespace MaoOcr.WebSockets.Tests.Compression;

public sealed class DeflateNegotiationTests
{
    [Theory]
    [InlineData("permessage-deflate", "permessage-deflate")]
    // What browsers send: the client can honour a limit, and with the default preference (15) none is asked.
    [InlineData("permessage-deflate; client_max_window_bits", "permessage-deflate")]
    [InlineData("permessage-deflate; client_max_window_bits=10", "permessage-deflate; client_max_window_bits=10")]
    [InlineData("permessage-deflate; server_max_window_bits=10", "permessage-deflate; server_max_window_bits=10")]
    [InlineData("permessage-deflate; server_max_window_bits=8", "permessage-deflate; server_max_window_bits=8")]
    [InlineData("permessage-deflate; server_max_window_bits=15", "permessage-deflate; server_max_window_bits=15")]
    [InlineData("permessage-deflate; server_no_context_takeover", "permessage-deflate; server_no_context_takeover")]
    [InlineData("permessage-deflate; client_no_context_takeover", "permessage-deflate; client_no_context_takeover")]
    [InlineData(
        "permessage-deflate; client_no_context_takeover; server_no_context_takeover; server_max_window_bits=9; client_max_window_bits=12",
        "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9; client_max_window_bits=12")]
    // RFC 6455 §9.1: a quoted value counts once unescaped, and must then be a token.
    [InlineData("permessage-deflate; server_max_window_bits=\"10\"", "permessage-deflate; server_max_window_bits=10")]
    [InlineData("permessage-deflate; client_max_window_bits=\"1\\1\"", "permessage-deflate; client_max_window_bits=11")]
    [InlineData("  permessage-deflate ;\tclient_max_window_bits = 11 ,  ", "permessage-deflate; client_max_window_bits=11")]
    [InlineData(", ,permessage-deflate,", "permessage-deflate")]
    [InlineData("x-webkit-deflate-frame, permessage-deflate; server_max_window_bits=12", "permessage-deflate; server_max_window_bits=12")]
    // A comma inside another extension's quoted value does not start an element: the quoted offer is not ours.
    [InlineData("foo; bar=\"a, permessage-deflate; server_max_window_bits=9\", permessage-deflate; server_max_window_bits=11",
        "permessage-deflate; server_max_window_bits=11")]
    [InlineData("foo; bar=\"a\\\"b,c\"; baz, permessage-deflate", "permessage-deflate")]
    // The first acceptable offer wins; an invalid one before it is passed over.
    [InlineData("permessage-deflate; client_max_window_bits=16, permessage-deflate; server_no_context_takeover", "permessage-deflate; server_no_context_takeover")]
    [InlineData("permessage-deflate; server_max_window_bits=10, permessage-deflate", "permessage-deflate; server_max_window_bits=10")]
    [InlineData("permessage-deflate; =3, permessage-deflate; client_no_context_takeover", "permessage-deflate; client_no_context_takeover")]
    public void Valid_offers_are_accepted_with_the_expected_response(string header, string response)
    {
        DeflateNegotiationResult result = DeflateNegotiation.Negotiate(header, new DeflateOptions());

        Assert.True(result.IsAccepted, $"declined: {result.DeclineReason}");
        Assert.Equal(DeflateDeclineReason.None, result.DeclineReason);
        Assert.Equal(response, result.ResponseHeaderValue);
    }

    [Theory]
    [InlineData("", DeflateDeclineReason.NotOffered)]
    [InlineData(" , ", DeflateDeclineReason.NotOffered)]
    [InlineData("x-webkit-deflate-frame", DeflateDeclineReason.NotOffered)]
    [InlineData("permessage-deflatex; server_max_window_bits=9", DeflateDeclineReason.NotOffered)]
    // Extension tokens compare exactly, as in ws and Python websockets.
    [InlineData("Permessage-Deflate", DeflateDeclineReason.NotOffered)]
    [InlineData("foo; bar=\"permessage-deflate, permessage-deflate\"", DeflateDeclineReason.NotOffered)]
    [InlineData("permessage-deflate; client_max_window_bits=7", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; client_max_window_bits=16", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; client_max_window_bits=0", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; client_max_window_bits=08", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; client_max_window_bits=010", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; client_max_window_bits=abc", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; client_max_window_bits=\"7\"", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; client_max_window_bits=\"\"", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; server_max_window_bits", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; server_max_window_bits=\"1 0\"", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; server_max_window_bits=\" 10\"", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; server_max_window_bits=99999999999999999999", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; server_no_context_takeover=true", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; client_no_context_takeover=\"\"", DeflateDeclineReason.InvalidParameterValue)]
    [InlineData("permessage-deflate; server_no_context_takeover; server_no_context_takeover", DeflateDeclineReason.DuplicateParameter)]
    [InlineData("permessage-deflate; client_no_context_takeover; client_no_context_takeover", DeflateDeclineReason.DuplicateParameter)]
    [InlineData("permessage-deflate; client_max_window_bits; client_max_window_bits=10", DeflateDeclineReason.DuplicateParameter)]
    [InlineData("permessage-deflate; server_max_window_bits=10; server_max_window_bits=10", DeflateDeclineReason.DuplicateParameter)]
    [InlineData("permessage-deflate; foo", DeflateDeclineReason.UnknownParameter)]
    [InlineData("permessage-deflate; mem_level=8", DeflateDeclineReason.UnknownParameter)]
    [InlineData("permessage-deflate; Server_No_Context_Takeover", DeflateDeclineReason.UnknownParameter)]
    [InlineData("permessage-deflate;", DeflateDeclineReason.MalformedOffer)]
    [InlineData("permessage-deflate; =3", DeflateDeclineReason.MalformedOffer)]
    [InlineData("permessage-deflate; server_max_window_bits=", DeflateDeclineReason.MalformedOffer)]
    [InlineData("permessage-deflate; server_max_window_bits=\"10", DeflateDeclineReason.MalformedOffer)]
    [InlineData("permessage-deflate; server_max_window_bits=\"10\\", DeflateDeclineReason.MalformedOffer)]
    [InlineData("permessage-deflate; server_max_window_bits=10 0", DeflateDeclineReason.MalformedOffer)]
    [InlineData("permessage-deflate x", DeflateDeclineReason.MalformedOffer)]
    [InlineData("permessage-deflate=1", DeflateDeclineReason.MalformedOffer)]
    [InlineData("permessage-deflate; server_max_window_bits=\"1\u00010\"", DeflateDeclineReason.MalformedOffer)]
    // Every offer invalid: the first one's reason is reported.
    [InlineData("permessage-deflate; foo, permessage-deflate; client_max_window_bits=99", DeflateDeclineReason.UnknownParameter)]
    [InlineData("foo, permessage-deflate; client_max_window_bits=99, permessage-deflate; foo", DeflateDeclineReason.InvalidParameterValue)]
    public void Invalid_or_missing_offers_are_declined_with_a_reason(string header, DeflateDeclineReason reason)
    {
        DeflateNegotiationResult result = DeflateNegotiation.Negotiate(header, new DeflateOptions());

        Assert.False(result.IsAccepted);
        Assert.Equal(reason, result.DeclineReason);
        Assert.Null(result.ResponseHeaderValue);
    }

    [Fact]
    public void Accepted_parameters_state_the_windows_and_resets_in_force()
    {
        DeflateNegotiationResult result = DeflateNegotiation.Negotiate(
            "permessage-deflate; client_no_context_takeover; server_max_window_bits=9; client_max_window_bits=12", new DeflateOptions());

        DeflateParameters p = result.Parameters;
        Assert.False(p.ServerNoContextTakeover);
        Assert.True(p.ClientNoContextTakeover);
        Assert.Equal(9, p.ServerMaxWindowBits);
        Assert.Equal(12, p.ClientMaxWindowBits);
        Assert.Equal(result.ResponseHeaderValue, p.ToHeaderValue());
    }

    [Fact]
    public void Without_a_client_window_in_the_offer_the_client_may_use_the_full_window()
    {
        DeflateParameters p = DeflateNegotiation.Negotiate("permessage-deflate", new DeflateOptions { ClientMaxWindowBits = 10 }).Parameters;

        Assert.Equal(15, p.ClientMaxWindowBits);
        Assert.False(p.ClientMaxWindowBitsInResponse);
    }

    [Theory]
    [InlineData("permessage-deflate", "permessage-deflate; server_max_window_bits=12")]
    [InlineData("permessage-deflate; server_max_window_bits=10", "permessage-deflate; server_max_window_bits=10")]
    [InlineData("permessage-deflate; server_max_window_bits=14", "permessage-deflate; server_max_window_bits=12")]
    public void The_server_window_limit_only_lowers_the_window(string header, string response)
    {
        DeflateNegotiationResult result = DeflateNegotiation.Negotiate(header, new DeflateOptions { ServerMaxWindowBits = 12 });

        Assert.Equal(response, result.ResponseHeaderValue);
    }

    [Theory]
    // RFC 7692 §7.1.2.2: never name client_max_window_bits when the offer did not.
    [InlineData("permessage-deflate", "permessage-deflate")]
    [InlineData("permessage-deflate; client_max_window_bits", "permessage-deflate; client_max_window_bits=10")]
    [InlineData("permessage-deflate; client_max_window_bits=12", "permessage-deflate; client_max_window_bits=10")]
    [InlineData("permessage-deflate; client_max_window_bits=9", "permessage-deflate; client_max_window_bits=9")]
    [InlineData("permessage-deflate; client_max_window_bits=8", "permessage-deflate; client_max_window_bits=8")]
    public void The_client_window_preference_is_sent_only_when_the_client_supports_it(string header, string response)
    {
        DeflateNegotiationResult result = DeflateNegotiation.Negotiate(header, new DeflateOptions { ClientMaxWindowBits = 10 });

        Assert.Equal(response, result.ResponseHeaderValue);
    }

    [Fact]
    public void The_server_may_add_both_no_context_takeover_parameters()
    {
        var options = new DeflateOptions { ServerNoContextTakeover = true, ClientNoContextTakeover = true };

        DeflateNegotiationResult result = DeflateNegotiation.Negotiate("permessage-deflate; client_max_window_bits", options);

        Assert.Equal("permessage-deflate; server_no_context_takeover; client_no_context_takeover", result.ResponseHeaderValue);
        Assert.True(result.Parameters.ServerNoContextTakeover);
        Assert.True(result.Parameters.ClientNoContextTakeover);
    }

    [Fact]
    public void Disabled_declines_even_a_valid_offer()
    {
        DeflateNegotiationResult result = DeflateNegotiation.Negotiate("permessage-deflate", new DeflateOptions { Enabled = false });

        Assert.False(result.IsAccepted);
        Assert.Equal(DeflateDeclineReason.Disabled, result.DeclineReason);
    }

    [Fact]
    public void Several_header_fields_are_read_in_order_as_one_list()
    {
        var options = new DeflateOptions();

        DeflateNegotiationResult second = DeflateNegotiation.Negotiate(["foo", "permessage-deflate; bar", "permessage-deflate; server_max_window_bits=9"], options);
        DeflateNegotiationResult none = DeflateNegotiation.Negotiate(["foo", "permessage-deflate; server_max_window_bits=7", "permessage-deflate; bar"], options);
        DeflateNegotiationResult empty = DeflateNegotiation.Negotiate(Array.Empty<string>(), options);

        Assert.Equal("permessage-deflate; server_max_window_bits=9", second.ResponseHeaderValue);
        Assert.Equal(DeflateDeclineReason.InvalidParameterValue, none.DeclineReason);
        Assert.Equal(DeflateDeclineReason.NotOffered, empty.DeclineReason);
    }

    [Fact]
    public void Random_junk_never_throws_and_never_accepts_what_was_not_offered()
    {
        var random = new Random(7692);
        string[] pieces =
        [
            "permessage-deflate", "server_no_context_takeover", "client_no_context_takeover", "server_max_window_bits",
            "client_max_window_bits", "foo", ";", ";", ",", ",", "=", "\"", "\\", " ", "\t", "8", "9", "10", "15", "16", "07", "\u0001", "é",
        ];
        var options = new DeflateOptions();
        int accepted = 0;
        for (int round = 0; round < 20_000; round++)
        {
            var header = new StringBuilder();
            int count = random.Next(1, 16);
            for (int i = 0; i < count; i++)
            {
                header.Append(pieces[random.Next(pieces.Length)]);
            }
            string text = header.ToString();

            DeflateNegotiationResult result = DeflateNegotiation.Negotiate(text, options);

            if (!result.IsAccepted)
            {
                Assert.NotEqual(DeflateDeclineReason.None, result.DeclineReason);
                continue;
            }
            accepted++;
            DeflateParameters p = result.Parameters;
            Assert.Contains("permessage-deflate", text, StringComparison.Ordinal);
            Assert.InRange(p.ServerMaxWindowBits, 8, 15);
            Assert.InRange(p.ClientMaxWindowBits, 8, 15);
            Assert.True(!p.ClientMaxWindowBitsInResponse || text.Contains("client_max_window_bits", StringComparison.Ordinal), text);
            Assert.True(!p.ServerNoContextTakeover || text.Contains("server_no_context_takeover", StringComparison.Ordinal), text);
        }
        Assert.True(accepted > 100, $"only {accepted} junk headers held a valid offer; the generator is too hostile to test acceptance");
    }

    [Fact]
    public void Random_well_formed_offers_give_the_parameters_they_ask_for()
    {
        var random = new Random(6455);
        for (int round = 0; round < 5_000; round++)
        {
            var options = new DeflateOptions
            {
                ServerMaxWindowBits = random.Next(8, 16),
                ClientMaxWindowBits = random.Next(9, 16),
                ServerNoContextTakeover = random.Next(4) == 0,
                ClientNoContextTakeover = random.Next(4) == 0,
            };
            bool serverReset = random.Next(2) == 0, clientReset = random.Next(2) == 0;
            int serverBits = random.Next(3) == 0 ? 0 : random.Next(8, 16);
            int clientBitsMode = random.Next(3); // 0 absent, 1 without value, 2 with value
            int clientBits = random.Next(8, 16);

            var parameters = new List<string>();
            if (serverReset)
            {
                parameters.Add("server_no_context_takeover");
            }
            if (clientReset)
            {
                parameters.Add("client_no_context_takeover");
            }
            if (serverBits != 0)
            {
                parameters.Add("server_max_window_bits" + Ws(random) + "=" + Ws(random) + Value(random, serverBits));
            }
            if (clientBitsMode == 1)
            {
                parameters.Add("client_max_window_bits");
            }
            else if (clientBitsMode == 2)
            {
                parameters.Add("client_max_window_bits" + Ws(random) + "=" + Ws(random) + Value(random, clientBits));
            }
            Shuffle(random, parameters);
            var header = new StringBuilder();
            if (random.Next(2) == 0)
            {
                header.Append("x-other; a=\"q,;=\\\"\"; b=7,").Append(Ws(random));
            }
            header.Append("permessage-deflate");
            foreach (string parameter in parameters)
            {
                header.Append(Ws(random)).Append(';').Append(Ws(random)).Append(parameter);
            }
            header.Append(Ws(random));

            DeflateNegotiationResult result = DeflateNegotiation.Negotiate(header.ToString(), options);

            Assert.True(result.IsAccepted, header.ToString());
            DeflateParameters p = result.Parameters;
            Assert.Equal(serverReset || options.ServerNoContextTakeover, p.ServerNoContextTakeover);
            Assert.Equal(clientReset || options.ClientNoContextTakeover, p.ClientNoContextTakeover);
            Assert.Equal(serverBits == 0 ? options.ServerMaxWindowBits : Math.Min(serverBits, options.ServerMaxWindowBits), p.ServerMaxWindowBits);
            int expectedClientBits = clientBitsMode switch
            {
                0 => 15,
                1 => options.ClientMaxWindowBits,
                _ => Math.Min(clientBits, options.ClientMaxWindowBits),
            };
            Assert.Equal(expectedClientBits, p.ClientMaxWindowBits);
            Assert.Equal(clientBitsMode == 2 || (clientBitsMode == 1 && options.ClientMaxWindowBits < 15), p.ClientMaxWindowBitsInResponse);

            // The response is itself a well-formed extension element naming the same values.
            DeflateNegotiationResult reread = DeflateNegotiation.Negotiate(result.ResponseHeaderValue!, new DeflateOptions());
            Assert.True(reread.IsAccepted, result.ResponseHeaderValue);
            Assert.Equal(p.ServerMaxWindowBits, reread.Parameters.ServerMaxWindowBits);
            Assert.Equal(p.ServerNoContextTakeover, reread.Parameters.ServerNoContextTakeover);
        }
    }

    private static string Ws(Random random) => random.Next(4) switch
    {
        0 => " ",
        1 => "\t ",
        _ => "",
    };

    private static string Value(Random random, int bits)
    {
        string digits = bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return random.Next(3) switch
        {
            0 => "\"" + digits + "\"",
            1 => "\"\\" + digits[0] + digits[1..] + "\"",
            _ => digits,
        };
    }

    private static void Shuffle(Random random, List<string> list)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
