using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilito.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SendCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OtpSendCounts",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(45)", maxLength: 45, nullable: false),
                    MinuteStart = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OtpSendCounts", x => new { x.Scope, x.Key, x.MinuteStart });
                });

            migrationBuilder.CreateIndex(
                name: "IX_OtpSendCounts_MinuteStart",
                table: "OtpSendCounts",
                column: "MinuteStart");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OtpSendCounts");
        }
    }
}
