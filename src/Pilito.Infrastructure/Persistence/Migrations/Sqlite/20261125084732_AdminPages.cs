using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilito.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AdminPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RevokedAt",
                table: "OtpTokens",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OtpTokens_ExpiresAt",
                table: "OtpTokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_OtpTokens_FailedAttempts",
                table: "OtpTokens",
                column: "FailedAttempts");

            migrationBuilder.CreateIndex(
                name: "IX_OtpTokens_Status_CreatedAt",
                table: "OtpTokens",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OtpTokens_ExpiresAt",
                table: "OtpTokens");

            migrationBuilder.DropIndex(
                name: "IX_OtpTokens_FailedAttempts",
                table: "OtpTokens");

            migrationBuilder.DropIndex(
                name: "IX_OtpTokens_Status_CreatedAt",
                table: "OtpTokens");

            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "OtpTokens");
        }
    }
}
