using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilito.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DropAddressIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OtpTokens_ClientIp_CreatedAt",
                table: "OtpTokens");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OtpTokens_ClientIp_CreatedAt",
                table: "OtpTokens",
                columns: new[] { "ClientIp", "CreatedAt" });
        }
    }
}
