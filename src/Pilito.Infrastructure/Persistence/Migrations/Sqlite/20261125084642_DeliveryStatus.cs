using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilito.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeliveryStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DeliveryCheckedAt",
                table: "OtpTokens",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeliveryStatus",
                table: "OtpTokens",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryStatusText",
                table: "OtpTokens",
                type: "TEXT",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeliveryCheckedAt",
                table: "OtpTokens");

            migrationBuilder.DropColumn(
                name: "DeliveryStatus",
                table: "OtpTokens");

            migrationBuilder.DropColumn(
                name: "DeliveryStatusText",
                table: "OtpTokens");
        }
    }
}
