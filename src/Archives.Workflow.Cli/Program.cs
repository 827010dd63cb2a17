using System.Text;
using Archives.Workflow.Cli;

Console.OutputEncoding = Encoding.UTF8;
return ArchivesCli.Run(args, Console.Out, Console.Error);
