using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilito.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LimitCountsAndVerificationIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FailedAttemptsWithoutId",
                table: "OtpTokens",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VerificationId",
                table: "OtpTokens",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LimitCounts",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    MinuteStart = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LimitCounts", x => new { x.Scope, x.Key, x.MinuteStart });
                });

            migrationBuilder.CreateIndex(
                name: "IX_LimitCounts_MinuteStart",
                table: "LimitCounts",
                column: "MinuteStart");

            // Keep the counts of the last hours: a limit must not reset because the schema changed.
            migrationBuilder.Sql("INSERT INTO LimitCounts (Scope, [Key], MinuteStart, Count) SELECT Scope, [Key], MinuteStart, Count FROM OtpSendCounts");
            migrationBuilder.Sql(
                "INSERT INTO LimitCounts (Scope, [Key], MinuteStart, Count) " +
                "SELECT 'verify-phone', PhoneNumber, m.MinuteStart, COUNT(*) FROM VerifyFailures " +
                "CROSS APPLY (SELECT TODATETIMEOFFSET(DATEADD(minute, DATEDIFF(minute, 0, CAST(OccurredAt AT TIME ZONE 'UTC' AS datetime2)), CAST('1900-01-01' AS datetime2)), 0) AS MinuteStart) m " +
                "GROUP BY PhoneNumber, m.MinuteStart");

            migrationBuilder.DropTable(
                name: "OtpSendCounts");

            migrationBuilder.DropTable(
                name: "VerifyFailures");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LimitCounts");

            migrationBuilder.DropColumn(
                name: "FailedAttemptsWithoutId",
                table: "OtpTokens");

            migrationBuilder.DropColumn(
                name: "VerificationId",
                table: "OtpTokens");

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

            migrationBuilder.CreateTable(
                name: "VerifyFailures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OccurredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    PhoneNumber = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerifyFailures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OtpSendCounts_MinuteStart",
                table: "OtpSendCounts",
                column: "MinuteStart");

            migrationBuilder.CreateIndex(
                name: "IX_VerifyFailures_OccurredAt",
                table: "VerifyFailures",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_VerifyFailures_PhoneNumber_OccurredAt",
                table: "VerifyFailures",
                columns: new[] { "PhoneNumber", "OccurredAt" });
        }
    }
}
