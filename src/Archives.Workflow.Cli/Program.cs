Console.WriteLine("archives");
