using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilito.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DeliveryStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeliveryCheckedAt",
                table: "OtpTokens",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeliveryStatus",
                table: "OtpTokens",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryStatusText",
                table: "OtpTokens",
                type: "nvarchar(128)",
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
