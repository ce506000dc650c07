using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Pilito.Application.Accounts.GetCurrentUser;
using Pilito.Application.Accounts.VerifyPhoneChange;
using Pilito.Application.Auth.Logout;
using Pilito.Application.Auth.LogoutEverywhere;
using Pilito.Application.Auth.RefreshTokens;
using Pilito.Infrastructure.Security;
using Pilito.Web.Api.OpenApi;

namespace Pilito.Web.Api;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var usr = app.MapGroup("/api/v1/usr").WithTags(ApiTags.Account);
        usr.MapPost("/token/refresh", Refresh).WithName(nameof(Refresh)).AllowAnonymous()
            .AcceptsJson<RefreshTokenBody>(ApiRequests.WithRefreshToken)
            .WithSummary("Trade a refresh token for a new pair; a reused refresh token revokes its whole chain.")
            .Answers(ApiExamples.Refreshed).Answers(ApiAnswers.RefreshTokenField)
            .Answers(ApiAnswers.InvalidRefreshToken, ApiAnswers.AddressLimited).ProducesWriteErrors();
        usr.MapPost("/logout", Logout).WithName(nameof(Logout)).AllowAnonymous()
            .AcceptsJson<RefreshTokenBody>(ApiRequests.WithRefreshToken)
            .WithSummary("Sign out: the refresh token's whole chain is refused from now on. 204 whatever the token.")
            .Answers(ApiExamples.SignedOut).Answers(ApiAnswers.RefreshTokenField).ProducesWriteErrors();
        usr.MapPost("/logout/all", LogoutEverywhere).WithName(nameof(LogoutEverywhere)).RequireAuthorization(ApiAuthentication.Policy)
            .WithSummary("Sign the account out everywhere: every refresh token it holds is refused from now on.")
            .Answers(ApiExamples.SignedOutEverywhere).ProducesWriteErrors();
        usr.MapGet("/me", Me).WithName(nameof(Me)).RequireAuthorization(ApiAuthentication.Policy)
            .WithSummary("The signed-in account.")
            .Answers(ApiExamples.Me, ApiAnswers.UnknownUser, ApiAnswers.AccountLocked).ProducesDatabaseErrors();
        usr.MapPost("/phone", RequestPhoneChange).WithName(nameof(RequestPhoneChange)).RequireAuthorization(ApiAuthentication.Policy)
            .AcceptsJson<RequestOtpBody>(ApiRequests.PhoneChange)
            .WithSummary("Send a code to the number the signed-in account moves to; the same limits and answers as /otp.")
            .Answers(ApiExamples.OtpSent).Answers(ApiAnswers.PhoneChangeRequest).ProducesOtpSendErrors();
        usr.MapPost("/phone/verify", VerifyPhoneChange).WithName(nameof(VerifyPhoneChange)).RequireAuthorization(ApiAuthentication.Policy)
            .AcceptsJson<VerifyPhoneChangeBody>(ApiRequests.VerifyPhoneChange)
            .WithSummary("Check the code and move the account to the number (409 if another account has it); other sessions end.")
            .Answers(ApiExamples.PhoneChanged).Answers(ApiAnswers.PhoneChangeVerify).ProducesCodeCheckErrors();
    }

    /// <summary>As <c>POST /otp</c> reads its body and answers, for a code that can only move the signed-in account.</summary>
    private static async Task<Results<Ok<RequestOtpResponse>, UnauthorizedHttpResult>> RequestPhoneChange(
        HttpContext context, ClaimsPrincipal principal, ISender sender)
    {
        if (!Guid.TryParse(principal.FindFirstValue("sub"), out var userId))
            return TypedResults.Unauthorized();
        var command = await OtpEndpoints.ReadCodeRequestAsync(context, phoneChangeOf: userId);
        return TypedResults.Ok(RequestOtpResponse.From(await sender.Send(command, context.RequestAborted)));
    }

    private static async Task<Results<Ok<PhoneChangedResponse>, UnauthorizedHttpResult>> VerifyPhoneChange(
        HttpContext context, ClaimsPrincipal principal, ISender sender)
    {
        if (!Guid.TryParse(principal.FindFirstValue("sub"), out var userId))
            return TypedResults.Unauthorized();
        // The session this access token belongs to survives; a token from before sessions were named has none.
        Guid? session = Guid.TryParse(principal.FindFirstValue(AccessTokenSigning.SessionClaim), out var sid) ? sid : null;
        var body = await JsonRequestBody.ReadAsync(context.Request);
        var phone = body.OptionalString("phone_number");
        var code = body.OptionalString("code");
        var verificationId = body.OptionalString("verification_id");
        body.ThrowIfInvalid();
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var result = await sender.Send(new VerifyPhoneChangeCommand(userId, session, phone, code, verificationId, ip), context.RequestAborted);
        return TypedResults.Ok(new PhoneChangedResponse("Phone number changed successfully", UserResponse.From(result.User), result.SessionsEnded));
    }

    private static async Task<Ok<TokenPairResponse>> Refresh(HttpContext context, ISender sender, TimeProvider clock, IHostEnvironment environment)
    {
        var body = await JsonRequestBody.ReadAsync(context.Request);
        var token = body.OptionalString("refresh_token");
        body.ThrowIfInvalid();
        var session = await sender.Send(new RefreshTokensCommand(token, context.Connection.RemoteIpAddress?.ToString()), context.RequestAborted);
        AccessTokenCookie.Append(context, session, environment);
        return TypedResults.Ok(TokenPairResponse.From(session, clock.GetUtcNow()));
    }

    private static async Task<NoContent> Logout(HttpContext context, ISender sender, IHostEnvironment environment)
    {
        var body = await JsonRequestBody.ReadAsync(context.Request);
        var token = body.OptionalString("refresh_token");
        body.ThrowIfInvalid();
        await sender.Send(new LogoutCommand(token), context.RequestAborted);
        AccessTokenCookie.Delete(context, environment);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult>> LogoutEverywhere(
        HttpContext context, ClaimsPrincipal principal, ISender sender, IHostEnvironment environment)
    {
        if (!Guid.TryParse(principal.FindFirstValue("sub"), out var userId))
            return TypedResults.Unauthorized();
        await sender.Send(new LogoutEverywhereCommand(userId), context.RequestAborted);
        AccessTokenCookie.Delete(context, environment);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserResponse>, UnauthorizedHttpResult>> Me(ClaimsPrincipal principal, ISender sender, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirstValue("sub"), out var userId))
            return TypedResults.Unauthorized();
        var user = await sender.Send(new GetCurrentUserQuery(userId), cancellationToken);
        return TypedResults.Ok(UserResponse.From(user));
    }
}
