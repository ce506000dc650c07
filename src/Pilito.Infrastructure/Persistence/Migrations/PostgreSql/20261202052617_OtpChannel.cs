using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilito.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OtpChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every code sent before channels existed went by SMS.
            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "OtpTokens",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "Sms");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Channel",
                table: "OtpTokens");
        }
    }
}
